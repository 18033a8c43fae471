/**
 * How well a risk prediction separates and calibrates, on a hold-out sample: AUC (the probability that a
 * random bad case is ranked riskier than a random good one, ties counting half), Gini = 2·AUC − 1, the
 * Kolmogorov–Smirnov distance between the bad and good score distributions, calibration by decile and
 * the lift of the riskiest decile. `risk` is the predicted probability of the bad outcome (y = 1).
 */

export interface CalibrationDecile {
  /** 1 is the riskiest tenth. */
  decile: number
  count: number
  meanPredicted: number
  observedRate: number
}

export interface ModelMetrics {
  count: number
  bads: number
  badRate: number
  auc: number
  gini: number
  ks: number
  topDecileLift: number
  /** Mean squared error of the probabilities. */
  brier: number
  calibration: CalibrationDecile[]
}

/** Row indices sorted by descending risk (ties keep their order, so the result is deterministic). */
function byRiskDescending(risk: Float64Array): Uint32Array {
  const order = new Uint32Array(risk.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => (risk[b] as number) - (risk[a] as number) || a - b)
}

/** Mann–Whitney AUC with average ranks for ties. NaN when one class is absent. */
export function areaUnderCurve(risk: Float64Array, y: Uint8Array): number {
  const n = risk.length
  const order = byRiskDescending(risk).reverse()
  let rankSum = 0
  let positives = 0
  let i = 0
  while (i < n) {
    let j = i
    while (j + 1 < n && risk[order[j + 1] as number] === risk[order[i] as number]) j++
    const averageRank = (i + j) / 2 + 1
    for (let m = i; m <= j; m++) {
      if (y[order[m] as number] === 1) {
        positives++
        rankSum += averageRank
      }
    }
    i = j + 1
  }
  const negatives = n - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

/** Largest gap between the cumulative shares of bads and goods, walking from the riskiest down. */
export function kolmogorovSmirnov(risk: Float64Array, y: Uint8Array): number {
  const order = byRiskDescending(risk)
  let bads = 0
  for (let i = 0; i < y.length; i++) bads += y[i] as number
  const goods = y.length - bads
  if (bads === 0 || goods === 0) return Number.NaN
  let cumBad = 0
  let cumGood = 0
  let ks = 0
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number
    if (y[at] === 1) cumBad++
    else cumGood++
    // Only measure between distinct risks: a tie is one threshold.
    const next = order[i + 1]
    if (next !== undefined && risk[next] === risk[at]) continue
    ks = Math.max(ks, Math.abs(cumBad / bads - cumGood / goods))
  }
  return ks
}

/** Every metric at once. */
export function modelMetrics(risk: Float64Array, y: Uint8Array): ModelMetrics {
  const n = y.length
  let bads = 0
  let brier = 0
  for (let i = 0; i < n; i++) {
    bads += y[i] as number
    brier += ((risk[i] as number) - (y[i] as number)) ** 2
  }
  const badRate = n === 0 ? Number.NaN : bads / n
  const auc = areaUnderCurve(risk, y)
  const order = byRiskDescending(risk)
  const calibration: CalibrationDecile[] = []
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10)
    const to = Math.floor(((d + 1) * n) / 10)
    let predicted = 0
    let observed = 0
    for (let i = from; i < to; i++) {
      const at = order[i] as number
      predicted += risk[at] as number
      observed += y[at] as number
    }
    const count = to - from
    calibration.push({
      decile: d + 1,
      count,
      meanPredicted: count ? predicted / count : Number.NaN,
      observedRate: count ? observed / count : Number.NaN,
    })
  }
  const top = calibration[0] as CalibrationDecile
  return {
    count: n,
    bads,
    badRate,
    auc,
    gini: 2 * auc - 1,
    ks: kolmogorovSmirnov(risk, y),
    topDecileLift: top.count && badRate > 0 ? top.observedRate / badRate : Number.NaN,
    brier: n === 0 ? Number.NaN : brier / n,
    calibration,
  }
}
