import { runFuzz } from './fuzz';
import { formatTable } from './figures';
const r = await runFuzz({ messages: Number(process.argv[2] ?? 300), files: Number(process.argv[3] ?? 40), log: console.log });
console.log(formatTable(r.figures)); console.log(r.failures.join('\n'));
