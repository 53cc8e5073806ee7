// The steps an application's page offers as buttons: their words, and which fields each form asks.

export const STEPS: Record<
  string,
  {
    label: string;
    type?: 'primary' | 'success' | 'warning' | 'danger';
    fields: ('party' | 'outcome' | 'amountYuan' | 'reason')[];
    note?: string;
  }
> = {
  ApplicationSupplementRequested: {
    label: '告知补正',
    fields: [],
    note: '《条例》第三十条：告知补正后答复期限暂停，收到补正后重新计算20个工作日。',
  },
  ApplicationSupplementReceived: { label: '收到补正', type: 'primary', fields: [] },
  ApplicationConsultationStarted: {
    label: '征求意见',
    fields: ['party'],
    note: '《条例》第三十三条：征求意见所需时间不计算在答复期限内。',
  },
  ApplicationConsultationEnded: { label: '征求意见结束', type: 'primary', fields: [] },
  ApplicationDeadlineExtended: {
    label: '延期答复',
    type: 'warning',
    fields: [],
    note: '《条例》第三十三条：经负责人同意可延长，延长期限不超过20个工作日，只能延长一次。',
  },
  ProcessingFeeNoticed: { label: '发出收费通知', fields: ['amountYuan'] },
  ProcessingFeePaid: { label: '登记缴费', fields: ['amountYuan'] },
  ApplicationConcluded: { label: '办结', type: 'success', fields: ['outcome'] },
  ApplicationOutcomeCorrected: { label: '更正办理结果', type: 'danger', fields: ['outcome', 'reason'] },
};
