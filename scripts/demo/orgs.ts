// The demo county: a fictional 青山县 with the towns and county departments a real county has.
// `load` scales how many applications and decisions an org sees in a year (1 = a quiet town).

export type DemoOrg = {
  orgId: string;
  name: string;
  kind: 'county' | 'town' | 'department';
  /** Relative volume of applications. */
  load: number;
  /** Administrative decisions per month, by kind (the licensing and penalty systems). */
  decisions?: { licensing?: number; penalty?: number; enforcement?: number };
  /** Collects 行政事业性收费 (monthly receipts, yuan). */
  feesYuan?: number;
};

export const COUNTY_ID = 'qingshan';

const TOWNS: [string, string, number][] = [
  ['chengguan', '城关镇', 2.5],
  ['dongcheng', '东城街道', 2],
  ['xicheng', '西城街道', 1.8],
  ['nanguan', '南关街道', 1.5],
  ['beishan', '北山镇', 1],
  ['hekou', '河口镇', 1.2],
  ['shiqiao', '石桥镇', 0.8],
  ['liuyuan', '柳园镇', 1],
  ['xinghua', '杏花乡', 0.5],
  ['mazhuang', '马庄乡', 0.6],
  ['baiyun', '白云镇', 0.9],
  ['longquan', '龙泉镇', 1.1],
  ['gaozhuang', '高庄镇', 0.7],
  ['xinji', '新集镇', 1.3],
  ['huangtugang', '黄土岗镇', 0.6],
  ['taoyuan', '桃源乡', 0.4],
  ['dawangzhuang', '大王庄乡', 0.5],
  ['lijiaying', '李家营镇', 0.9],
  ['shuanghe', '双河镇', 0.8],
  ['qingshi', '青石镇', 0.7],
];

type Dept = [string, string, number, DemoOrg['decisions']?, number?];
const DEPARTMENTS: Dept[] = [
  ['fgw', '发展和改革委员会', 1.5, { licensing: 8 }],
  ['jyj', '教育局', 1.8, { licensing: 3 }],
  ['gxj', '科学技术和工业信息化局', 0.6],
  ['gaj', '公安局', 2, { licensing: 60, penalty: 45, enforcement: 4 }, 30_000],
  ['mzj', '民政局', 1.4, { licensing: 2 }],
  ['sfj', '司法局', 0.8],
  ['czj', '财政局', 1.6],
  ['rsj', '人力资源和社会保障局', 2, { licensing: 5, penalty: 2 }],
  ['zrzyj', '自然资源局', 4, { licensing: 25, penalty: 6, enforcement: 1 }, 60_000],
  ['sthj', '生态环境分局', 1.5, { licensing: 6, penalty: 5, enforcement: 1 }],
  ['zjj', '住房和城乡建设局', 3.5, { licensing: 30, penalty: 4 }, 40_000],
  ['jtysj', '交通运输局', 1.2, { licensing: 20, penalty: 25 }],
  ['slj', '水利局', 0.8, { licensing: 3, penalty: 1 }],
  ['nyncj', '农业农村局', 1.5, { licensing: 6, penalty: 3 }],
  ['swj', '商务局', 0.6, { licensing: 2 }],
  ['wglj', '文化广电和旅游局', 0.7, { licensing: 3, penalty: 2 }],
  ['wjw', '卫生健康委员会', 1.8, { licensing: 20, penalty: 6 }],
  ['tyjr', '退役军人事务局', 0.8],
  ['yjj', '应急管理局', 0.9, { licensing: 2, penalty: 4, enforcement: 1 }],
  ['sjj', '审计局', 0.5],
  ['scjg', '市场监督管理局', 2.5, { licensing: 120, penalty: 15, enforcement: 2 }, 20_000],
  ['tjj', '统计局', 0.4, { penalty: 1 }],
  ['ybj', '医疗保障局', 1.3, { penalty: 2 }],
  ['lyj', '林业局', 0.6, { licensing: 8, penalty: 2 }],
  ['cgj', '城市管理局', 1.5, { licensing: 10, penalty: 20, enforcement: 2 }],
  ['spj', '行政审批服务局', 2.2, { licensing: 300 }, 15_000],
  ['xfj', '信访局', 0.7],
  ['xczx', '乡村振兴局', 0.6],
  ['rfb', '人民防空办公室', 0.3, { licensing: 1 }],
  ['jgsw', '机关事务服务中心', 0.2],
  ['jrzx', '地方金融服务中心', 0.3],
  ['lsj', '粮食和物资储备中心', 0.3, { licensing: 1 }],
  ['dag', '档案馆', 0.4],
  ['mzzj', '民族宗教事务局', 0.2, { licensing: 1 }],
  ['tyj', '体育中心', 0.2],
  ['xxb', '融媒体中心', 0.3],
  ['gzw', '国有资产事务中心', 0.3],
  ['zfb', '政府办公室（政务公开办）', 1.2],
  ['zcyj', '政策研究室', 0.2],
  ['jggw', '机构编制委员会办公室', 0.3],
];

/** The county first, then its towns and departments; `small` keeps a few of each (tests). */
export function demoOrgs(small: boolean): DemoOrg[] {
  const county: DemoOrg = { orgId: COUNTY_ID, name: '青山县人民政府', kind: 'county', load: 3 };
  const towns = TOWNS.slice(0, small ? 3 : TOWNS.length).map(([id, name, load]): DemoOrg => ({
    orgId: `${COUNTY_ID}-${id}`,
    name: `青山县${name}`,
    kind: 'town',
    load,
  }));
  const depts = (small ? DEPARTMENTS.filter((d) => ['gaj', 'zrzyj', 'sjj'].includes(d[0])) : DEPARTMENTS).map(
    ([id, name, load, decisions, feesYuan]): DemoOrg => ({
      orgId: `${COUNTY_ID}-${id}`,
      name: `青山县${name}`,
      kind: 'department',
      load,
      ...(decisions ? { decisions } : {}),
      ...(feesYuan ? { feesYuan } : {}),
    }),
  );
  return [county, ...towns, ...depts];
}
