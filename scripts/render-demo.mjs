// Trunk post-build hook (through scripts/render-demo.sh): the server-rendered demo pages.
//
// What a site whose back end is not Rust does at publish time: every mount element of a page
// that carries its props in a JSON script is replaced by what `article-widget render` makes of
// them (keeping the element's own attributes), and the first gets the stylesheet and preload
// links. Writes, beside the client-rendered originals in the staging dir:
//   server-rendered.html                   from index.html (the seed article, reacting against
//                                          the reactions service at /api/reactions)
//   examples/news-page-server-rendered.html from examples/news-page.html
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [staging, cli] = process.argv.slice(2);
// A mount element with its JSON script first; any fallback after the script (up to the first
// </div>) goes too, as the widget would replace it.
const MOUNT = /<div data-article-widget([^>]*)>\s*<script type="application\/json">((?:(?!<\/script>)[\s\S])*)<\/script>[\s\S]*?<\/div>/g;

/** `html` with each mount element server-rendered; `assets` is the folder of embed.js;
 * `edit` may change each element's props first. */
function serverRenderPage(html, assets, edit = (props) => props) {
  let first = true;
  return html.replace(MOUNT, (_, attributes, text) => {
    const json = JSON.stringify(edit(JSON.parse(text)));
    const args = ['render', ...(first ? ['--assets', assets] : [])];
    first = false;
    const fragment = execFileSync(cli, args, { input: json, encoding: 'utf8' });
    // The host's own attributes (id, class, data-theme) stay on the element.
    return fragment.replace('<div data-article-widget', `<div data-article-widget${attributes}`);
  });
}

// The seed's server-rendered copy reacts against the reactions service that scripts/serve
// runs behind trunk's proxy (same origin, so its reader cookie is first-party).
const withService = (props) => (props.kind ? props : { ...props, reactionEndpoint: '/api/reactions' });
const pages = [
  ['index.html', 'server-rendered.html', '.', withService],
  ['examples/news-page.html', 'examples/news-page-server-rendered.html', '..', undefined],
];
for (const [from, to, assets, edit] of pages) {
  const html = readFileSync(join(staging, from), 'utf8');
  writeFileSync(join(staging, to), serverRenderPage(html, assets, edit).replace('<title>', '<title>(server-rendered) '));
}
