// Feeds an event log (JSONL, e.g. examples/year/merton.jsonl) to the XState model of Merton,
// one actor per dispute, and prints {"events", "seconds", "events_per_second"} as JSON: the
// best of --repeat runs, the events parsed beforehand (as for drp). --states FILE writes
// each dispute's duties [id, stage, status, due (epoch seconds or null)] for checking
// against drp (benchmarks/peers/compare.py).
//
//     node benchmarks/peers/xstate/bench.mjs examples/year/merton.jsonl --repeat 5
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { Calendar, dayOf, instantOf } from './calendar.mjs';
import { mertonMachine } from './merton.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const repeat = Number(option('--repeat', '5'));
const statesFile = option('--states', null);
const holidays = option('--holidays', fileURLToPath(new URL('../../../policies/bank-holidays.json', import.meta.url)));
const log = args[0];

const machine = mertonMachine(new Calendar(holidays), instantOf, dayOf);
const events = readFileSync(log, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));

function run() {
  const actors = new Map();
  for (const e of events) {
    let actor = actors.get(e.dispute_id);
    if (actor === undefined) {
      actor = createActor(machine).start();
      actors.set(e.dispute_id, actor);
    }
    actor.send(e);
  }
  return actors;
}

let best = Infinity, actors;
for (let r = 0; r < repeat; ++r) {
  const t0 = process.hrtime.bigint();
  actors = run();
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  if (t < best) best = t;
}
if (statesFile) {
  const out = {};
  for (const [id, actor] of actors)
    out[id] = actor.getSnapshot().context.obligations.map((o) => [o.id, o.stage, o.status, o.due]);
  writeFileSync(statesFile, JSON.stringify(out));
}
console.log(JSON.stringify({ events: events.length, seconds: best, events_per_second: events.length / best }));
