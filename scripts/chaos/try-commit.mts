import { runCommitLatency } from './commit-latency';
import { formatTable } from './figures';
const r = runCommitLatency({ historyTickets: Number(process.argv[2] ?? 100000), commits: 300, log: console.log });
console.log(formatTable(r.figures)); console.log(r.plans.join('\n'));
