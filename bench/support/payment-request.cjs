'use strict'
// autocannon's setupRequest for POST /payments in workers mode (a function cannot cross into a worker
// thread, so autocannon requires this file there). Each request pays 0.01 on the next open account
// with a reference never used before: every request is a real insert, none an idempotent replay.
const { threadId } = require('node:worker_threads')

const accounts = JSON.parse(process.env.RECOUP_BENCH_ACCOUNTS ?? '[]')
const run = process.env.RECOUP_BENCH_RUN ?? 'run'
let n = 0

module.exports = function setupRequest(request) {
  n++
  const account = accounts[(n * 7 + threadId) % accounts.length] ?? ''
  request.body = JSON.stringify({
    account,
    amount: '0.01',
    receivedOn: '2026-03-01',
    reference: `bench-${run}-${threadId}-${n}`,
  })
  return request
}
