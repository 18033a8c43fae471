import { describe, expect, it } from 'vitest'
import { classifyInbound } from '../../src/core/outreach/classify-inbound.ts'

describe('reading a reply', () => {
  it.each(['STOP', 'stop', ' Unsubscribe. ', 'CANCEL', 'end', 'QUIT', 'revoke', 'STOPALL'])(
    'the keyword %j opts out',
    (text) => {
      expect(classifyInbound(text).optOut).not.toBeNull()
    },
  )

  it.each([
    ['please stop texting me', 'stop texting'],
    ["Don't text me again", "Don't text me"],
    ['Remove me from your list', 'Remove me from your list'],
    ['opt me out', 'opt me out'],
  ])('the plain request %j opts out', (text, phrase) => {
    expect(classifyInbound(text).optOut?.phrase.toLowerCase()).toContain(phrase.toLowerCase())
  })

  it.each([
    ['I will stop by the office', null],
    ['Stop? why', null],
    ['the end of the month works', null],
  ])('%j is no opt-out', (text) => {
    expect(classifyInbound(text).optOut).toBeNull()
  })

  it.each([
    ['This is not my debt', 'dispute', 'not my debt'],
    ['Stop contacting me', 'cease', 'Stop contacting'],
    ['Talk to my attorney', 'attorney', 'attorney'],
    ['I will pay on Friday', 'promise', 'I will pay'],
    ['I lost my job last month', 'hardship', 'lost my job'],
    ['This is harassment, I will report you to the CFPB', 'complaint', 'harassment'],
  ])('%j is flagged as %s with the phrase', (text, flag, phrase) => {
    expect(classifyInbound(text).flags).toContainEqual({ flag, phrase })
  })

  it('ambiguous text is only flagged, never acted on; several flags come in text order', () => {
    const reading = classifyInbound('I already paid and my lawyer says this is harassment')
    expect(reading.optOut).toBeNull()
    expect(reading.flags.map((f) => f.flag)).toEqual(['dispute', 'attorney', 'complaint'])
  })
})
