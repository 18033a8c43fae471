import type { DocumentStringKey } from './document-strings.en.ts'

/** Arabic document texts (right to left). Kinds whose keys are all here render in Arabic. */
export const AR: Partial<Record<DocumentStringKey, string>> = {
  account: 'الحساب: {account}',
  date: 'التاريخ: {date}',
  page: '{collector} · {account}',
  dear: 'عزيزي {name}،',
  sincerely: 'مع خالص التحية،',
  colDate: 'التاريخ',
  colDescription: 'البيان',
  colAmount: 'المبلغ',
  colBalance: 'الرصيد',
  kind_charge: 'مبلغ مستحق',
  kind_payment: 'دفعة',
  kind_fee: 'رسوم',
  kind_interest: 'فائدة',
  kind_adjustment: 'تسوية',
  kind_write_off: 'شطب',
  kind_reversal: 'عكس قيد',
  balanceNow: 'الرصيد المستحق',
  statementTitle: 'كشف حساب',
  statementIntro: 'يبيّن هذا الكشف كل قيد على حسابك {account} لدى {creditor} حتى {date}.',
  reminderTitle: 'تذكير بالدفع',
  reminderBody:
    'نذكّرك بأن مبلغ {balance} على حسابك {account} لدى {creditor} كان مستحقًا في {dueDate}. إذا كنت قد دفعت بالفعل، فشكرًا لك ويرجى تجاهل هذه الرسالة.',
  reminderHelp: 'إذا لم تتمكن من دفع المبلغ كاملًا، يرجى التواصل معنا للاتفاق على خطة سداد.',
  finalTitle: 'إشعار نهائي',
  finalBody:
    'رغم التذكيرات السابقة، لا يزال مبلغ {balance} على حسابك {account} لدى {creditor} غير مدفوع منذ {dueDate}.',
  finalPayBy: 'يرجى سداد الرصيد بحلول {payBy} أو التواصل معنا قبل ذلك للاتفاق على طريقة السداد.',
  demandTitle: 'مطالبة رسمية بالدفع',
  demandBody:
    'نكتب إليك نيابةً عن {creditor} بشأن الفواتير غير المدفوعة على الحساب {account} والمستحقة في {dueDate}. نطالب الآن بالمبلغ أدناه، بما في ذلك الفائدة القانونية والتعويض عن التأخر في الدفع.',
  demandPrincipal: 'أصل المبلغ المستحق',
  demandInterest: 'فائدة قانونية بنسبة {rate}% سنويًا من {from} إلى {to}',
  demandCompensation: 'تعويض ثابت عن التأخر في الدفع',
  demandTotal: 'إجمالي المطالبة',
  demandLaw: 'المطالبة بموجب: {citations}.',
  demandPayBy: 'يرجى دفع {total} بحلول {payBy}. تستمر الفائدة بالسعر القانوني حتى الدفع.',
  vnTitle: 'إشعار بدين',
  vnIntro:
    '{collector} جهة تحصيل ديون. نحن نحاول تحصيل دين مستحق عليك لصالح {creditor}. سنستخدم أي معلومات تقدمها لنا للمساعدة في تحصيل الدين.',
  vnOurInfo: 'تُظهر معلوماتنا ما يلي:',
  vnAccount: 'كان لديك حساب لدى {original} برقم الحساب {account}.',
  vnItemizationDate: 'في {date}، كان المستحق عليك:',
  vnBetween: 'بين {date} واليوم:',
  vnInterest: 'فُرضت عليك فائدة بهذا المبلغ:',
  vnFees: 'فُرضت عليك رسوم بهذا المبلغ:',
  vnPaid: 'دفعت أو قُيّد لصالحك هذا المبلغ من الدين:',
  vnTotal: 'إجمالي الدين الآن:',
  vnHowDispute: 'كيف يمكنك الاعتراض على الدين؟',
  vnDispute1:
    'اتصل بنا أو اكتب إلينا بحلول {end} للاعتراض على الدين كله أو جزء منه. إذا لم تفعل، سنفترض أن معلوماتنا صحيحة.',
  vnDispute2:
    'إذا كتبت إلينا بحلول {end}، يجب أن نوقف تحصيل أي مبلغ تعترض عليه حتى نرسل إليك ما يثبت أنك مدين به. يمكنك استخدام النموذج أدناه أو الكتابة إلينا دونه، ويمكنك إرفاق مستندات داعمة.',
  vnElse: 'ماذا يمكنك أن تفعل أيضًا؟',
  vnOriginal:
    'اكتب إلينا لطلب اسم الدائن الأصلي وعنوانه إذا كان مختلفًا عن الدائن الحالي. إذا كتبت بحلول {end}، يجب أن نوقف التحصيل حتى نرسل إليك هذه المعلومات.',
  vnCfpb: 'زر www.cfpb.gov/debt-collection لمعرفة المزيد عن حقوقك بموجب القانون الاتحادي.',
  vnContact: 'تواصل معنا: {collector}.',
  vnTear: 'كيف تريد الرد؟ افصل هذا النموذج وأرسله بالبريد إلى: {collector}',
  vnFormAccount: 'المرجع: {account} · {name}',
  vnCheckDispute: 'أريد الاعتراض على الدين لأنني أعتقد أن:',
  vnNotMine: 'هذا ليس ديني.',
  vnWrongAmount: 'المبلغ غير صحيح.',
  vnOther: 'سبب آخر (يرجى الوصف على الظهر أو إرفاق معلومات إضافية).',
  vnCheckOriginal: 'أريد أن ترسلوا إليّ اسم الدائن الأصلي وعنوانه.',
  vnEnclosed: 'أرفقت هذا المبلغ:',
  // NI Act s.138 (India)
  niTitle: 'إنذار قانوني بموجب المادة 138 من قانون الصكوك القابلة للتداول لعام 1881',
  niBody:
    'أصدرت الشيك رقم {number} بتاريخ {chequeDate}، المسحوب على {bank}، بمبلغ {amount} لصالح {creditor} عن الحساب {account}. قُدِّم الشيك في {presentedOn} وأُعيد دون صرف بإشعار من البنك ورد في {informedOn}، والسبب: "{reason}".',
  niDemand: 'نطالبك بموجب هذا بسداد مبلغ الشيك {amount} خلال 15 يومًا من استلامك هذا الإنذار.',
  niConsequence:
    'إذا لم تسدد خلال هذه المدة، يحق لموكلنا تقديم شكوى بموجب المادة 138 مقروءة مع المادة 142 من القانون، دون إنذار آخر.',
  niDeadline: 'أُرسل هذا الإنذار في {sent}، خلال 30 يومًا من إشعار البنك (آخر يوم: {noticeBy}).',
  // UK Letter of Claim (Pre-Action Protocol for Debt Claims)
  locTitle: 'خطاب المطالبة',
  locBody:
    'يُرسل هذا الخطاب بموجب بروتوكول ما قبل الدعوى لمطالبات الديون. يطالبك {creditor} بمبلغ {balance} عن الحساب {account}، المستحق في {dueDate}.',
  locInterest: 'يشمل المبلغ فائدة قدرها {interest}، ولا تزال الفائدة تتراكم.',
  locRespond:
    'يرجى الرد باستخدام نموذج الرد المرفق خلال 30 يومًا من تاريخ هذا الخطاب، أي بحلول {respondBy}. إذا لم ترد بحلول ذلك التاريخ، فقد تُرفع عليك دعوى أمام المحكمة دون إشعار آخر.',
  locEnclosed: 'المرفقات: صحيفة المعلومات ونموذج الرد والبيان المالي.',
  locPay: 'للسداد أو لمناقشة خطة سداد، تواصل مع {collector}.',
  locAdvice:
    'يمكنك الحصول على استشارة مجانية ومستقلة بشأن الديون من جهات مثل Citizens Advice وStepChange Debt Charity وNational Debtline.',
  locInfoTitle: 'صحيفة المعلومات',
  locInfo1:
    'وصلك خطاب مطالبة لأن جهة تجارية تقول إنك مدين لها بمال. اقرأه بعناية ورد خلال 30 يومًا، بحلول {respondBy}.',
  locInfo2:
    'إذا احتجت إلى وقت للحصول على استشارة، يمكنك طلب مهلة إضافية باستخدام نموذج الرد، وعلى الدائن أن ينظر في طلبك. إذا لم ترد، فقد يرفع الدائن دعوى أمام المحكمة.',
  locInfo3: 'يساعدك البيان المالي أنت والدائن على الاتفاق على ما تستطيع دفعه.',
  locReplyTitle: 'نموذج الرد',
  locReplyRef: 'الحساب {account} · {name} · الرد بحلول {respondBy}',
  locReplyAgree: 'أوافق على أنني مدين بهذا الدين.',
  locReplyPart: 'أوافق على أنني مدين بجزء من الدين، وهو هذا المبلغ:',
  locReplyDispute: 'لست مدينًا بهذا الدين. أسبابي مبينة أدناه أو مرفقة.',
  locReplyPlan: 'أريد السداد على أقساط (أكمل البيان المالي).',
  locReplyTime: 'أحتاج إلى مزيد من الوقت للحصول على استشارة، وأتوقع الحصول عليها بحلول:',
  locReplyDocs: 'يرجى إرسال نسخ من المستندات المذكورة أدناه.',
  locFinTitle: 'البيان المالي',
  locFinIncome: 'الدخل الشهري: الأجور والإعانات والمعاشات وغيرها',
  locFinOutgoings:
    'المصروفات الشهرية: الإيجار أو الرهن العقاري وضريبة المجلس والمرافق والطعام والتنقل وغيرها',
  locFinDebts: 'الديون الأخرى والقسط الشهري لكل منها',
  locFinOffer: 'أستطيع أن أعرض دفع مبلغ شهري قدره:',
  signature: 'التوقيع والتاريخ',
}
