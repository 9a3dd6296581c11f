// The SPA example: a route renders an element, then mounts a widget into it through the API.
const articles = [
  {
    id: 'spa-1', title: '첫 번째 기사: 저커버그, 한국 방문', publishedAt: '2024-02-28T16:04:00+09:00',
    body: ['마크 저커버그 메타 CEO가 한국을 찾았다.', '윤석열 대통령과의 만남이 예정돼 있다.'],
  },
  {
    id: 'spa-2', title: 'Second article: XR partnership', locale: 'en', publishedAt: '2024-02-28T18:30:00+09:00',
    body: ['LG Electronics and Meta agreed to speed up their XR business.'],
    reactions: [{ key: 'like', count: 3 }, { key: 'followUp', count: 1 }],
  },
];

let handle = null;
let index = 0;
const outlet = document.getElementById('spa-outlet');
const status = document.getElementById('spa-status');

function whenReady(fn) {
  if (window.ArticleWidget) fn(window.ArticleWidget);
  else document.addEventListener('articlewidget:ready', () => fn(window.ArticleWidget), { once: true });
}

document.getElementById('spa-mount').addEventListener('click', () => whenReady((api) => {
  if (handle) return;
  const el = document.createElement('div');
  el.id = 'spa-widget';
  outlet.replaceChildren(el);
  handle = api.mount(el, articles[index]);
  status.textContent = `mounted ${articles[index].id} (v${api.version})`;
}));

document.getElementById('spa-update').addEventListener('click', () => {
  if (!handle) return;
  index = (index + 1) % articles.length;
  handle.update(articles[index]);
  status.textContent = `updated to ${articles[index].id}`;
});

document.getElementById('spa-unmount').addEventListener('click', () => {
  if (!handle) return;
  handle.unmount();
  handle = null;
  outlet.replaceChildren();
  status.textContent = 'unmounted';
});
