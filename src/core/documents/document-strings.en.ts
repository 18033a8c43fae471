/** English document texts (ICU MessageFormat). Every other language is checked against these keys. */
export const EN = {
  account: 'Account: {account}',
  date: 'Date: {date}',
  page: '{collector} · {account}',
  dear: 'Dear {name},',
  sincerely: 'Yours sincerely,',
  colDate: 'Date',
  colDescription: 'Description',
  colAmount: 'Amount',
  colBalance: 'Balance',
  kind_charge: 'Charge',
  kind_payment: 'Payment',
  kind_fee: 'Fee',
  kind_interest: 'Interest',
  kind_adjustment: 'Adjustment',
  kind_write_off: 'Write-off',
  kind_reversal: 'Reversal',
  balanceNow: 'Balance due',
  // Statement
  statementTitle: 'Account statement',
  statementIntro:
    'This statement itemises every entry on your account {account} with {creditor} up to {date}.',
  // Reminder
  reminderTitle: 'Payment reminder',
  reminderBody:
    'This is a friendly reminder that {balance} on your account {account} with {creditor} was due on {dueDate}. If you have already paid, thank you, and please disregard this letter.',
  reminderHelp: 'If you cannot pay the full amount, please contact us: we can agree a payment plan.',
  // Final notice
  finalTitle: 'Final notice',
  finalBody:
    'Despite earlier reminders, {balance} on your account {account} with {creditor} remains unpaid since {dueDate}.',
  finalPayBy: 'Please pay the balance by {payBy} or contact us before then to agree how it will be paid.',
  // Demand letter
  demandTitle: 'Formal demand for payment',
  demandBody:
    'We write on behalf of {creditor} about the unpaid invoice(s) on account {account}, due on {dueDate}. The amount below is now claimed, including statutory interest and compensation for late payment.',
  demandPrincipal: 'Principal outstanding',
  demandInterest: 'Statutory interest at {rate}% a year from {from} to {to}',
  demandCompensation: 'Fixed compensation for late payment',
  demandTotal: 'Total claimed',
  demandLaw: 'Claimed under: {citations}.',
  demandPayBy:
    'Please pay {total} by {payBy}. Interest continues to accrue at the statutory rate until payment.',
  // Validation notice (Reg F model form)
  vnTitle: 'Notice of debt',
  vnIntro:
    '{collector} is a debt collector. We are trying to collect a debt that you owe to {creditor}. We will use any information you give us to help collect the debt.',
  vnOurInfo: 'Our information shows:',
  vnAccount: 'You had an account from {original} with account number {account}.',
  vnItemizationDate: 'As of {date}, you owed:',
  vnBetween: 'Between {date} and today:',
  vnInterest: 'You were charged this amount in interest:',
  vnFees: 'You were charged this amount in fees:',
  vnPaid: 'You paid or were credited this amount toward the debt:',
  vnTotal: 'Total amount of the debt now:',
  vnHowDispute: 'How can you dispute the debt?',
  vnDispute1:
    'Call or write to us by {end} to dispute all or part of the debt. If you do not, we will assume that our information is correct.',
  vnDispute2:
    'If you write to us by {end}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may use the form below or write to us without the form. You may also include supporting documents.',
  vnElse: 'What else can you do?',
  vnOriginal:
    'Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by {end}, we must stop collection until we send you that information.',
  vnCfpb: 'Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.',
  vnContact: 'Contact us: {collector}.',
  vnTear: 'How do you want to respond? Detach this form and mail it to: {collector}',
  vnFormAccount: 'Reference: {account} · {name}',
  vnCheckDispute: 'I want to dispute the debt because I think:',
  vnNotMine: 'This is not my debt.',
  vnWrongAmount: 'The amount is wrong.',
  vnOther: 'Other (please describe on the reverse or attach additional information).',
  vnCheckOriginal: 'I want you to send me the name and address of the original creditor.',
  vnEnclosed: 'I enclosed this amount:',
  // NI Act s.138
  niTitle: 'Legal notice under section 138 of the Negotiable Instruments Act, 1881',
  niBody:
    'You issued cheque no. {number} dated {chequeDate}, drawn on {bank}, for {amount} in favour of {creditor} towards account {account}. The cheque was presented on {presentedOn} and returned unpaid with the bank memo received on {informedOn}, for the reason: "{reason}".',
  niDemand:
    'We hereby demand payment of the cheque amount of {amount} within 15 days of your receipt of this notice.',
  niConsequence:
    'If you fail to pay within that time, our client is entitled to file a complaint under section 138 read with section 142 of the Act, without further notice.',
  niDeadline: 'This notice is sent on {sent}, within 30 days of the bank memo (last day: {noticeBy}).',
  // UK Letter of Claim
  locTitle: 'Letter of Claim',
  locBody:
    'This letter is sent under the Pre-Action Protocol for Debt Claims. {creditor} claims {balance} from you on account {account}, due on {dueDate}.',
  locInterest: 'The amount includes interest of {interest}; interest continues to accrue.',
  locRespond:
    'Please reply using the enclosed Reply Form within 30 days of the date of this letter, that is by {respondBy}. If you do not reply by then, court proceedings may be started against you without further notice.',
  locEnclosed: 'Enclosed: Information Sheet, Reply Form and Financial Statement.',
  locPay: 'To pay, or to discuss a repayment plan, contact {collector}.',
  locAdvice:
    'You can get free independent debt advice from organisations such as Citizens Advice, StepChange Debt Charity or National Debtline.',
  locInfoTitle: 'Information Sheet',
  locInfo1:
    'You have received a Letter of Claim because a business says you owe it money. You should read it carefully and reply within 30 days, by {respondBy}.',
  locInfo2:
    'If you need time to get advice, you can ask for more time using the Reply Form; the creditor must consider it. If you do not reply, the creditor may start court proceedings.',
  locInfo3: 'Using the Financial Statement helps you and the creditor agree what you can afford to pay.',
  locReplyTitle: 'Reply Form',
  locReplyRef: 'Account {account} · {name} · reply by {respondBy}',
  locReplyAgree: 'I agree that I owe the debt.',
  locReplyPart: 'I agree that I owe part of the debt, this amount:',
  locReplyDispute: 'I do not owe the debt. My reasons are set out below or attached.',
  locReplyPlan: 'I want to pay by instalments (complete the Financial Statement).',
  locReplyTime: 'I need more time to get advice. I expect to get it by:',
  locReplyDocs: 'Please send me copies of the documents listed below.',
  locFinTitle: 'Financial Statement',
  locFinIncome: 'Monthly income: wages, benefits, pensions, other',
  locFinOutgoings: 'Monthly outgoings: rent or mortgage, council tax, utilities, food, travel, other',
  locFinDebts: 'Other debts and the monthly payment to each',
  locFinOffer: 'I can offer to pay each month:',
  signature: 'Signature and date',
} as const

export type DocumentStringKey = keyof typeof EN
