/**
 * Reads a reply (SMS or email text) for what it may mean. Only an unambiguous opt-out acts by itself:
 * a text that is exactly one of the carrier keywords (STOP, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE,
 * STOPALL, OPTOUT) or a plain request to stop contact on this channel ("please stop texting me").
 * Everything that may mean a dispute, a cease request, a named attorney, a promise, hardship or a
 * complaint is a flag for a collector, with the phrase that raised it; nothing is acted on from it.
 */

export type InboundFlag = 'dispute' | 'cease' | 'attorney' | 'promise' | 'hardship' | 'complaint'

export interface InboundReading {
  /** The reply revokes consent to this channel: record the revocation and send one confirmation. */
  optOut: { phrase: string } | null
  /** What a collector should confirm, each with the words that triggered it (in text order). */
  flags: { flag: InboundFlag; phrase: string }[]
}

/** Carrier opt-out keywords (CTIA; the FCC's 2024 revocation order adds REVOKE and OPTOUT). */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
]

const PLAIN_REVOCATIONS: readonly RegExp[] = [
  /\b(?:please\s+)?(?:stop|quit|cease)\s+(?:texting|messaging|emailing|e-mailing|sending\s+(?:me\s+)?(?:texts?|messages?|emails?|e-mails?))\b(?:\s+me)?/i,
  /\b(?:do\s+not|don'?t|never)\s+(?:text|message|email|e-mail)\s+me\b/i,
  /\bunsubscribe\s+me\b/i,
  /\bremove\s+me\s+from\s+(?:your|this|the)\s+(?:list|mailing\s+list|texts?|messages?|emails?)\b/i,
  /\bopt\s+me\s+out\b/i,
]

const FLAG_PATTERNS: readonly { flag: InboundFlag; pattern: RegExp }[] = [
  {
    flag: 'dispute',
    pattern:
      /\b(?:dispute[sd]?|not\s+my\s+debt|(?:i\s+)?(?:don'?t|do\s+not)\s+owe|never\s+(?:had|opened|owed)|already\s+paid|wrong\s+(?:amount|person)|not\s+mine|identity\s+theft|fraud(?:ulent)?|validat(?:e|ion)|verif(?:y|ication)\s+(?:of\s+)?(?:the\s+)?debt|prove\s+(?:it|this|the\s+debt))\b/i,
  },
  {
    flag: 'cease',
    pattern:
      /\b(?:cease(?:\s+and\s+desist)?|stop\s+(?:contacting|calling|bothering|harass(?:ing)?)|leave\s+me\s+alone|(?:do\s+not|don'?t)\s+(?:contact|call)\s+me|no\s+(?:more\s+)?contact)\b/i,
  },
  {
    flag: 'attorney',
    pattern:
      /\b(?:attorney|lawyer|solicitor|advocate|legal\s+counsel|counsel|represented\s+by|law\s+firm)\b/i,
  },
  {
    flag: 'promise',
    pattern:
      /\b(?:i\s+(?:will|'ll|can|shall)\s+pay|(?:will|going\s+to)\s+pay|pay(?:ing)?\s+(?:on|by|next|this|tomorrow|friday|monday)|send\s+(?:the\s+)?(?:money|payment)|payment\s+(?:on|by|next))\b/i,
  },
  {
    flag: 'hardship',
    pattern:
      /\b(?:lost\s+(?:my|our)\s+job|unemployed|laid\s+off|can'?t\s+(?:afford|pay)|cannot\s+(?:afford|pay)|hardship|sick|illness|hospital|medical|disabled|disability|bereave\w*|passed\s+away|died|divorce|bankrupt\w*|no\s+income|struggling)\b/i,
  },
  {
    flag: 'complaint',
    pattern:
      /\b(?:complain\w*|harass\w*|cfpb|ombudsman|regulator|attorney\s+general|report\s+you|better\s+business\s+bureau|bbb|sue\s+you|unacceptable|abusive|threaten\w*)\b/i,
  },
]

/** Reads `text` (a reply); see the module comment for what acts and what is only flagged. */
export function classifyInbound(text: string): InboundReading {
  const trimmed = text.trim()
  const keyword = trimmed.replace(/[.!\s]+$/u, '').toUpperCase()
  let optOut: InboundReading['optOut'] = OPT_OUT_KEYWORDS.includes(keyword) ? { phrase: trimmed } : null
  if (!optOut) {
    for (const pattern of PLAIN_REVOCATIONS) {
      const match = pattern.exec(trimmed)
      if (match) {
        optOut = { phrase: match[0] }
        break
      }
    }
  }
  const found: { flag: InboundFlag; phrase: string; index: number }[] = []
  for (const { flag, pattern } of FLAG_PATTERNS) {
    const match = pattern.exec(trimmed)
    if (match) found.push({ flag, phrase: match[0], index: match.index })
  }
  found.sort((a, b) => a.index - b.index)
  return { optOut, flags: found.map(({ flag, phrase }) => ({ flag, phrase })) }
}
