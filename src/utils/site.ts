// Facts about the site and the document it publishes, used by the layout, the home page and
// /about/. Figures of the plan never live here: they come from content/.

export const siteName = "城区“十四五”规划";

/** The source document, as its notice names it. */
export const planDocument = {
  title: "晋城市城区国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
  shortTitle: "晋城市城区“十四五”规划和2035年远景目标纲要",
  issuer: "晋城市城区人民政府",
  documentNumber: "城政发〔2021〕8号",
  /** Date of the notice that issued it. */
  issued: "2021-07-26",
  issuedText: "2021年7月26日",
  approvedBy: "区第十届人民代表大会第一次会议",
} as const;

export const siteDescription = `${planDocument.title}全文（${planDocument.documentNumber}），按章节阅读、检索，附主要指标表与目标。`;

/** Site navigation, in order. The simulator is built separately but is part of the site. */
export const navItems = [
  { href: "/", label: "首页" },
  { href: "/plan/", label: "规划全文" },
  { href: "/indicators/", label: "指标" },
  { href: "/simulate/", label: "模拟器" },
  { href: "/about/", label: "关于" },
] as const;

/** Path of a chapter page (src/pages/plan/[slug].astro), e.g. "/plan/twin-cores/". */
export const chapterHref = (slug: string): string => `/plan/${slug}/`;

/** Whether a nav item is the current section of the site (for aria-current). */
export function isCurrentNav(itemHref: string, pathname: string): boolean {
  const path = pathname.endsWith("/") ? pathname : `${pathname}/`;
  return itemHref === "/" ? path === "/" : path.startsWith(itemHref);
}
