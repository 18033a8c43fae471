// A playbook's stages as a flow: one box per stage in ladder order with arrows between them, and in each
// box the entry condition, the exits (label, target, condition) and the steps as text, so the diagram
// reads the same to a screen reader as it looks (docs/playbooks.md, "How one evaluation works").
import { percent } from '../../shared/format.ts'

/** The parts of a playbook document the diagram draws (src/core/playbook/playbook-document.ts). */
export interface PlaybookDocument {
  id: string
  version: number
  description?: string
  appliesTo?: Condition
  segments?: { name: string; when?: Condition; variants?: { name: string; percent: number }[] }[]
  stages: Stage[]
}

interface Stage {
  key: string
  description?: string
  entry?: Condition
  required?: boolean
  minDays?: number
  escalation?: { recoveryRate: number; costMinor: number; minNetMinor: number }
  exits?: { label: string; when: Condition; to: string }[]
  steps?: {
    afterDays: number
    when?: Condition
    variants?: string[]
    requiresApproval?: boolean
    action: Action
  }[]
}

interface Action {
  type: string
  channel?: string
  template?: string
  kind?: string
  [key: string]: unknown
}

/** A condition: all / any / not, or one fact compared with one operator. */
export interface Condition {
  all?: Condition[]
  any?: Condition[]
  not?: Condition
  fact?: string
  [op: string]: unknown
}

const OPS: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in' }

/** A condition as one line of text: "daysPastDue ≥ 15 and not riskBand = low". */
export function conditionText(condition: Condition | undefined): string {
  if (!condition) return 'always'
  if (condition.all) return condition.all.map((c) => group(c)).join(' and ') || 'always'
  if (condition.any) return condition.any.map((c) => group(c)).join(' or ') || 'never'
  if (condition.not) return `not ${group(condition.not)}`
  const op = Object.keys(condition).find((key) => key !== 'fact') ?? 'eq'
  const value = condition[op]
  return `${condition.fact} ${OPS[op] ?? op} ${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`
}

function group(condition: Condition): string {
  const text = conditionText(condition)
  return condition.all || condition.any ? `(${text})` : text
}

function actionText(action: Action): string {
  const detail = [action.channel, action.template ?? action.kind].filter(Boolean).join(' ')
  return `${action.type.replaceAll('_', ' ')}${detail ? `: ${detail}` : ''}`
}

/** The stage diagram of one playbook. */
export function PlaybookFlow({ document }: { document: PlaybookDocument }) {
  const stages = document.stages
  return (
    <ol className="flow" aria-label={`Stages of ${document.id}, in ladder order`}>
      {stages.map((stage, index) => (
        <li key={stage.key}>
          {index > 0 ? (
            <span className="arrow" aria-hidden="true">
              →
            </span>
          ) : null}
          <div className={`stage${stage.entry || index === 0 ? '' : ' hold'}`}>
            <h4>
              {index + 1}. {stage.key}
            </h4>
            {stage.description ? <p className="muted">{stage.description}</p> : null}
            <p>
              <strong>Entry:</strong>{' '}
              {index === 0
                ? 'where every account starts'
                : stage.entry
                  ? conditionText(stage.entry)
                  : 'only by an exit (a hold stage)'}
              {stage.required ? ' · required' : ''}
              {stage.minDays ? ` · stays at least ${stage.minDays} days` : ''}
            </p>
            {stage.escalation ? (
              <p>
                <strong>Gate:</strong> recovery {percent(stage.escalation.recoveryRate)} − cost{' '}
                {stage.escalation.costMinor} ≥ {stage.escalation.minNetMinor} (minor units)
              </p>
            ) : null}
            {stage.exits && stage.exits.length > 0 ? (
              <>
                <strong>Exits:</strong>
                <ul>
                  {stage.exits.map((exit) => (
                    <li key={`${exit.label}-${exit.to}`}>
                      {exit.label} → {exit.to} when {conditionText(exit.when)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {stage.steps && stage.steps.length > 0 ? (
              <>
                <strong>Steps:</strong>
                <ul>
                  {stage.steps.map((step, s) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered and have no key
                    <li key={s}>
                      day {step.afterDays}: {actionText(step.action)}
                      {step.when ? ` if ${conditionText(step.when)}` : ''}
                      {step.variants ? ` (${step.variants.join(', ')})` : ''}
                      {step.requiresApproval ? ' · needs approval' : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  )
}
