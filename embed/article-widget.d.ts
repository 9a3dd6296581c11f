// Type declarations for article-widget's embedding API (window.ArticleWidget), its props and
// its events. Shipped next to embed.js; copy it into a TypeScript project or reference it.

export type Locale = 'ko' | 'en';
export type TextSizeName = 'smallest' | 'small' | 'default' | 'large' | 'largest';
export type Theme = 'light' | 'dark' | 'auto';

export interface ArticleImage {
  /** http, https or relative; any other scheme is dropped and a placeholder shows. */
  src: string;
  alt?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

export type BodyBlock = string | { type?: 'paragraph' | 'heading' | 'quote'; text: string };

export interface ReactionConfig {
  key: string;
  /** Defaults to the built-in label for like, angry, sad, followUp; else the key. */
  label?: string;
  /** The site's total. */
  count: number;
}

export interface ArticleProps {
  kind?: 'article';
  id: string;
  title: string;
  /** RFC 3339 with offset, e.g. 2024-02-28T16:04:00+09:00. */
  publishedAt: string;
  updatedAt?: string | null;
  locale?: Locale;
  section?: string | null;
  subtitle?: string | null;
  byline?: string | null;
  image?: ArticleImage | null;
  /** Non-empty. */
  body: BodyBlock[];
  /** Absent: like, angry, sad, followUp at 0. */
  reactions?: ReactionConfig[] | null;
  reactionMode?: 'single' | 'multiple';
  /** Receives POST { articleId, reaction, selected }; a 2xx JSON reply may carry { counts }. */
  reactionEndpoint?: string | null;
  textSize?: TextSizeName;
  related?: { title: string; url: string }[] | null;
}

/** The 주요 뉴스 box. */
export interface TopNewsProps {
  kind: 'topNews';
  title?: string;
  locale?: Locale;
  items: { title: string; url: string }[];
}

/** 오늘의 상승종목: a table of stocks. */
export interface RisingStocksProps {
  kind: 'risingStocks';
  title?: string;
  locale?: Locale;
  /** RFC 3339; shown as `07.03 09:35 실시간`. */
  asOf: string;
  items: { name: string; code?: string; price: number; changePct: number }[];
}

/** 실시간 암호화폐 시세: a table of coins. */
export interface CryptoProps {
  kind: 'crypto';
  title?: string;
  locale?: Locale;
  asOf: string;
  currency?: 'KRW';
  items: { name: string; symbol?: string; price: number; changePct: number }[];
}

/** Anything a mount element or `mount` accepts; `kind` selects the widget. */
export type WidgetProps = ArticleProps | TopNewsProps | RisingStocksProps | CryptoProps;

export interface WidgetHandle {
  /** Re-renders with new props (an object or a JSON string), keeping the reader's state. */
  update(props: WidgetProps | string): void;
  /** Removes the widget, its listeners, timers and pending fetches. Idempotent. */
  unmount(): void;
}

export interface ArticleWidgetApi {
  /** The crate version, e.g. "0.1.0". */
  readonly version: string;
  /** Mounts a widget into `element` (replacing one already there). */
  mount(element: Element, props: WidgetProps | string): WidgetHandle;
  /** Switches every widget on the page, and later ones; false for an unknown name. */
  setTheme(name: Theme): boolean;
}

export interface ReactionEventDetail {
  articleId: string;
  reaction: string;
  selected: boolean;
  /** Every reaction key to its shown count. */
  counts: Record<string, number>;
}

export interface TextSizeEventDetail {
  /** 0 (smallest) to 4 (largest). */
  step: 0 | 1 | 2 | 3 | 4;
  name: TextSizeName;
}

export interface ErrorEventDetail {
  /** null when the props were too broken to have an id. */
  articleId: string | null;
  message: string;
}

export interface ReadyEventDetail {
  version: string;
  /** The API; also `window.ArticleWidget`, unless the page declared that name itself. */
  api: ArticleWidgetApi;
}

declare global {
  interface Window {
    /** Absent, or the page's own value, if the page declared `ArticleWidget` at top level. */
    ArticleWidget?: ArticleWidgetApi;
  }
  interface HTMLElementEventMap {
    'articlewidget:reaction': CustomEvent<ReactionEventDetail>;
    'articlewidget:textsize': CustomEvent<TextSizeEventDetail>;
    'articlewidget:error': CustomEvent<ErrorEventDetail>;
  }
  interface DocumentEventMap {
    'articlewidget:ready': CustomEvent<ReadyEventDetail>;
    'articlewidget:reaction': CustomEvent<ReactionEventDetail>;
    'articlewidget:textsize': CustomEvent<TextSizeEventDetail>;
    'articlewidget:error': CustomEvent<ErrorEventDetail>;
  }
}
