import { runKills } from './kills';
import { formatTable } from './figures';
const r = await runKills({ kills: Number(process.argv[2] ?? 5), log: console.log });
console.log(formatTable(r.figures));
