export declare const DEFAULT_SITE_URL: string;
export declare function siteOrigin(value: string | undefined | null): string | null;
