// Where a share can go, by browser and language. Pure, so the order and the links are tested
// without a browser.
//
// WeChat's built-in browser (its user agent says "MicroMessenger") ignores downloads and has
// no Web Share API; people there save or forward an image by long-pressing it, and send a page
// with the ··· menu. Chinese readers share to Weibo and QQ far more than to X.
import { weiboIntentUrl, xIntentUrl } from "./share-helpers";
import { serviceOrder, type ShareLang } from "./share-strings";

export function isWeChatBrowser(userAgent: string): boolean {
  return /MicroMessenger/i.test(userAgent);
}

// encodeURIComponent rather than URLSearchParams: the latter writes spaces as "+".
export function qqIntentUrl(url: string, title: string): string {
  return `https://connect.qq.com/widget/shareqq/index.html?url=${encodeURIComponent(url)}&title=${encodeURIComponent(title)}`;
}

export type ServiceId = (typeof serviceOrder)[ShareLang][number];

export interface ServiceLink {
  id: ServiceId;
  href: string;
}

/** The share services offered, in order: Weibo and QQ first in Chinese, X last; X first in English. */
export function serviceLinks(url: string, message: string, lang: ShareLang): ServiceLink[] {
  const all: Record<ServiceId, string> = { weibo: weiboIntentUrl(url, message), qq: qqIntentUrl(url, message), x: xIntentUrl(url, message) };
  return serviceOrder[lang].map((id) => ({ id, href: all[id] }));
}

const HINT_KEY = "share-wechat-hint-seen";

/** Whether the one-time "use the ··· menu" hint is still to be shown (storage may be blocked). */
export function wechatHintPending(storage: Pick<Storage, "getItem"> | null): boolean {
  try {
    return storage?.getItem(HINT_KEY) !== "1";
  } catch {
    return true;
  }
}

export function markWechatHintSeen(storage: Pick<Storage, "setItem"> | null): void {
  try {
    storage?.setItem(HINT_KEY, "1");
  } catch {
    // Private mode: the hint may show again next time, which does no harm.
  }
}
