// The live example: counts from the reactions service, then the widget mounted with them.
const ID = 'live-demo-zuckerberg';
const KEYS = ['like', 'angry', 'sad', 'followUp'];
const status = document.getElementById('live-status');

async function storedCounts() {
  try {
    const reply = await fetch(`/api/reactions/${ID}`);
    if (reply.ok) return (await reply.json()).counts;
    status.textContent = `reactions service: ${reply.status}`;
  } catch {
    status.textContent = 'reactions service unreachable: start it with `article-widget serve`';
  }
  return {};
}

function whenReady() {
  return window.ArticleWidget ? Promise.resolve(window.ArticleWidget)
    : new Promise((ok) => document.addEventListener('articlewidget:ready', (e) => ok(e.detail.api), { once: true }));
}

const [counts, api] = await Promise.all([storedCounts(), whenReady()]);
api.mount(document.getElementById('live-article'), {
  id: ID,
  title: '尹, 저커버그 만난다…AI 등 미래산업 협력 모색',
  section: '정치',
  publishedAt: '2024-02-28T16:04:00+09:00',
  body: [
    '윤석열 대통령이 29일 서울 용산 대통령실에서 마크 저커버그 메타 설립자 겸 최고경영자(CEO)와 만난다.',
    '28일 대통령실에 따르면, 윤 대통령은 저커버그 CEO와 만나 인공지능(AI) 안보·반도체 등 미래산업 협력 방안 등에 대한 의견을 교환할 것으로 전해진다.',
  ],
  reactions: KEYS.map((key) => ({ key, count: counts[key] ?? 0 })),
  reactionMode: 'single',
  reactionEndpoint: '/api/reactions',
});
