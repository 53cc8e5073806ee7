// Chinese labels of the national format (国办公开办函〔2021〕30号) and of the contract's codes, for
// the dashboard's browser scripts. Loaded first; the others read window.Gongkai.labels.
/* global window */
'use strict';

(function () {
  const G = (window.Gongkai = window.Gongkai || {});
  G.labels = {
    kind: { county: '本级', town: '乡镇（街道）', department: '县直部门' },
    applicants: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
    // Table 三, row by row, with the row texts of the national format.
    applicationRows: [
      ['newReceived', '一、本年新收政府信息公开申请数量'],
      ['carriedIn', '二、上年结转政府信息公开申请数量'],
      ['disclosed', '三、(一) 予以公开'],
      ['partiallyDisclosed', '三、(二) 部分公开（区分处理的，只计这一情形，不计其他情形）'],
      ['withheld.stateSecret', '三、(三) 不予公开 1.属于国家秘密'],
      ['withheld.lawProhibited', '　2.其他法律行政法规禁止公开'],
      ['withheld.threeSecurityOneStability', '　3.危及“三安全一稳定”'],
      ['withheld.thirdPartyRights', '　4.保护第三方合法权益'],
      ['withheld.internalAffairs', '　5.属于三类内部事务信息'],
      ['withheld.processInformation', '　6.属于四类过程性信息'],
      ['withheld.enforcementCaseFile', '　7.属于行政执法案卷'],
      ['withheld.administrativeInquiry', '　8.属于行政查询事项'],
      ['unavailable.notHeld', '三、(四) 无法提供 1.本机关不掌握相关政府信息'],
      ['unavailable.needsCreation', '　2.没有现成信息需要另行制作'],
      ['unavailable.unclearAfterSupplement', '　3.补正后申请内容仍不明确'],
      ['notProcessed.petitionComplaint', '三、(五) 不予处理 1.信访举报投诉类申请'],
      ['notProcessed.repeated', '　2.重复申请'],
      ['notProcessed.publication', '　3.要求提供公开出版物'],
      ['notProcessed.massiveRepeated', '　4.无正当理由大量反复申请'],
      ['notProcessed.confirmOrReissue', '　5.要求行政机关确认或重新出具已获取信息'],
      [
        'other.noSupplement',
        '三、(六) 其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      ],
      ['other.feeUnpaid', '　2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other.other', '　3.其他'],
      ['concludedTotal', '三、(七) 总计'],
      ['carriedOut', '四、结转下年度继续办理'],
    ],
    // The six kinds of result of table 三, for the outcome chart.
    outcomeGroups: [
      ['予以公开', (o) => o === 'disclosed'],
      ['部分公开', (o) => o === 'partiallyDisclosed'],
      ['不予公开', (o) => o.startsWith('withheld.')],
      ['无法提供', (o) => o.startsWith('unavailable.')],
      ['不予处理', (o) => o.startsWith('notProcessed.')],
      ['其他处理', (o) => o.startsWith('other.')],
    ],
    state: { running: '办理中', awaitingSupplement: '待补正', consulting: '征求意见中' },
    applicantType: {
      naturalPerson: '自然人',
      commercialEnterprise: '商业企业',
      researchInstitution: '科研机构',
      socialWelfareOrganization: '社会公益组织',
      legalServiceAgency: '法律服务机构',
      otherOrganization: '其他组织',
    },
    channel: {
      govWebsite: '政府网站',
      wechat: '政务微信',
      weibo: '政务微博',
      shortVideo: '政务短视频',
      meipian: '美篇',
      bulletinBoard: '公开栏',
      other: '其他',
    },
    category: {
      news: '政务要闻',
      disclosure: '政务信息公开',
      policy: '政策文件',
      interpretation: '政策解读',
      other: '其他',
    },
    check: {
      'applications.balance': '收支平衡：一＋二＝三(七)＋四',
      'applications.totals': '总计列等于六类申请人之和',
      'applications.carryOver': '上年结转等于上年度结转下年',
      'applications.carryOverPublished': '上年结转等于上年度已发布年报的结转下年',
      'applications.nonNegative': '结转数不为负',
      'reviewLitigation.totals': '复议诉讼总计等于各项之和',
      'documents.inForceNonNegative': '现行有效件数不为负',
    },
    narrative: [
      ['overview', '一、总体情况'],
      ['problems', '五、存在的主要问题及改进情况'],
      ['otherMatters', '六、其他需要报告的事项'],
    ],
  };
})();
