// Chinese names of the catalog's codes, as a clerk would write them in the report's prose.

import type { PublicationCategory, PublicationChannel } from '@app/domain';

export const CHANNEL_NAMES: Record<PublicationChannel, string> = {
  govWebsite: '政府网站',
  wechat: '政务微信公众号',
  weibo: '政务微博',
  shortVideo: '政务短视频',
  meipian: '美篇',
  bulletinBoard: '政务公开栏',
  other: '其他渠道',
};

export const CATEGORY_NAMES: Record<PublicationCategory, string> = {
  news: '政务要闻',
  disclosure: '政务信息公开',
  policy: '政策文件',
  interpretation: '政策解读',
  other: '其他信息',
};

/** "甲、乙和丙": the enumeration comma 、 and 和 before the last item. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

/** A marker a clerk cannot miss and a reviewer can search for before publishing. */
export const placeholder = (what: string) => `【待补充：${what}】`;
