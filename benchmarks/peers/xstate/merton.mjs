// Merton's dispute resolution flowchart (seeds/004, policies/merton.json) as an XState v5
// statechart, for comparison with drp's engine (benchmarks/peers/README.md).
//
// What it covers: the stages informal -> (optional dispute resolution meeting) -> IR1 .. IR4
// -> IR5 (Cafcass), escalation with or without `to`, start above the first stage, the time
// out (a parallel clock region: running / paused) and every duty drp's Merton policy creates,
// with the same due times: each stage's response (agreed date at the informal stage, 10, 3,
// 3, 4 working days at IR1-IR4), notify/copy duties, the challenge and dispute resolution
// meetings, the HOS QAPD alert within 24 hours of each stage entry, the record on Mosaic
// within 48 hours of the listed events, the 20-working-day overall cap of the formal
// stages, the referral within 3 calendar days of the HOS QAPD's agreement, extensions,
// pauses (remaining working days / seconds) and resumes, resolution and withdrawal.
// What it does not do: check events (it trusts the log, which drp accepted), refuse
// anything but what the statechart's states refuse, keep a history, explain due dates or
// work out actions for a host.
import { setup, assign, and, stateIn } from 'xstate';

export const STAGES = [
  { id: 'informal', kind: 'informal', response: 'agreed',
    duties: [{ id: 'challenge_meeting', kind: 'meeting', meeting: 'challenge', discretionary: true }] },
  { id: 'drm', kind: 'meeting', optional: true, response: 'none', notify: [['SW'], ['TM'], ['HOS']],
    duties: [{ id: 'hold_meeting', kind: 'meeting', meeting: 'dispute_resolution' }] },
  { id: 'IR1', kind: 'formal', response: 10, copy: [['SW']] },
  { id: 'IR2', kind: 'formal', response: 3, copy: [['TM'], ['SW'], ['IRO_MANAGER', 'HOS_SAFEGUARDING']] },
  { id: 'IR3', kind: 'formal', response: 3, copy: [['HOS'], ['TM'], ['SW'], ['IRO_MANAGER', 'HOS_SAFEGUARDING']] },
  { id: 'IR4', kind: 'formal', response: 4, copy: [['CHIEF_OFFICER_CSC'], ['HOS']] },
  { id: 'IR5', kind: 'referral', response: null,  // no responder, no timescale: no response duty
    duties: [{ id: 'consult_hos_qapd', kind: 'consult', target: ['HOS_QAPD'] }] },
];
const STAGE_INDEX = new Map(STAGES.map((s, i) => [s.id, i]));
const ALERT_HOURS = 24;            // alert the HOS QAPD within 24 hours of each stage entry
const RECORD_HOURS = 48;           // record every action on Mosaic within 48 hours
const RECORDED = new Set(['raise', 'escalate', 'meeting', 'consult', 'refer', 'extend', 'pause', 'resume']);
const OVERALL_WORKING_DAYS = 20;   // the formal process: no more than 20 working days
const REFERRAL_CALENDAR_DAYS = 3;  // the referral within 3 days of the HOS QAPD's agreement
const HOUR = 3600;

const isOpen = (o) => o.status === 'open';

export function mertonMachine(cal, instantOf, dayOf) {
  const duty = (id, kind, stage, extra) => ({
    id, kind, stage, status: 'open', due: null, dueDate: null, wholeDay: false, rule: null,
    target: null, meeting: null, discretionary: false, paused: null, ...extra,
  });
  const inHours = (at, hours) => ({ due: at + hours * HOUR, rule: 'hours' });
  const inWorkingDays = (at, n) => {
    const d = cal.addWorkingDays(cal.localDate(at), n);
    return { due: cal.endOfDay(d), dueDate: d, wholeDay: true, rule: 'working_days' };
  };
  const agreed = (due) => due.length === 10
    ? { due: cal.endOfDay(dayOf(due)), dueDate: dayOf(due), wholeDay: true, rule: 'agreed' }
    : { due: instantOf(due), dueDate: null, wholeDay: false, rule: 'agreed' };

  // The referral is due 3 days after the (first) consultation in which the HOS QAPD agreed,
  // once per dispute, unless a referral is already made and not declined.
  function referralClock(ctx, obligations, stage) {
    if (obligations.some((o) => o.kind === 'referral')) return;
    if (ctx.referrals.some((r) => r.status !== 'declined')) return;
    let start = null;
    for (const k of ctx.consulted) if (k.role === 'HOS_QAPD' && k.agreed && (start === null || k.at < start)) start = k.at;
    if (start === null) return;
    const d = cal.localDate(start) + REFERRAL_CALENDAR_DAYS;
    obligations.push(duty('referral', 'referral', stage,
      { due: cal.endOfDay(d), dueDate: d, wholeDay: true, rule: 'calendar_days' }));
  }
  function recordDuty(obligations, type, at, stage) {
    if (RECORDED.has(type)) obligations.push(duty('record_actions', 'record', stage, inHours(at, RECORD_HOURS)));
  }
  const set = (obligations, i, changes) => { obligations[i] = { ...obligations[i], ...changes }; };

  const stageStates = {};
  STAGES.forEach((st, i) => {
    stageStates[st.id] = {
      entry: { type: 'enterStage', params: { stage: i } },
      on: {
        escalate: STAGES.slice(i + 1).map((target, j) => ({
          target: target.id,
          guard: and([{ type: 'escalatesTo', params: { from: i, to: i + 1 + j } }, stateIn('#merton.open.clock.running')]),
          actions: 'leaveStage',
        })),
      },
    };
  });

  return setup({
    guards: {
      escalatesTo: ({ event }, { from, to }) => event.to
        ? STAGE_INDEX.get(event.to) === to
        : STAGES.findIndex((s, k) => k > from && !s.optional) === to,
      startsAt: ({ context }, { stage }) => context.startStage === stage,
    },
    actions: {
      raise: assign(({ event }) => ({
        id: event.dispute_id,
        startStage: event.start_stage ? STAGE_INDEX.get(event.start_stage) : 0,
      })),
      enterStage: assign(({ context, event }, { stage }) => {
        const st = STAGES[stage], at = instantOf(event.at), obligations = context.obligations.slice();
        if (st.response === 'agreed') {
          obligations.push(duty('response', 'response', st.id, event.due ? agreed(event.due) : {}));
        } else if (st.response === 'none') {
          obligations.push(duty('response', 'response', st.id));
        } else if (st.response !== null) {
          obligations.push(duty('response', 'response', st.id, inWorkingDays(at, st.response)));
        }
        for (const t of st.notify ?? []) obligations.push(duty('notify.' + t[0], 'notify', st.id, { target: t }));
        for (const t of st.copy ?? []) obligations.push(duty('copy.' + t[0], 'notify', st.id, { target: t }));
        for (const d of st.duties ?? []) obligations.push(duty(d.id, d.kind, st.id, d));
        obligations.push(duty('alert_hos_qapd', 'notify', st.id, { target: ['HOS_QAPD'], ...inHours(at, ALERT_HOURS) }));
        const overall = obligations.findIndex((o) => o.kind === 'overall');
        if (st.kind === 'formal' && overall < 0) {
          obligations.push(duty('overall', 'overall', st.id, inWorkingDays(at, OVERALL_WORKING_DAYS)));
        } else if (overall >= 0 && st.kind !== 'formal' && isOpen(obligations[overall])) {
          set(obligations, overall, { status: 'met' });
        }
        referralClock(context, obligations, st.id);
        recordDuty(obligations, event.type, at, st.id);
        return { stage: st.id, obligations };
      }),
      leaveStage: assign(({ context }) => ({
        obligations: context.obligations.map((o) =>
          isOpen(o) && o.stage === context.stage && (o.kind === 'response' || o.kind === 'meeting' || o.kind === 'consult')
            ? { ...o, status: o.discretionary ? 'waived' : 'closed' } : o),
      })),
      respond: assign(({ context }) => ({
        obligations: context.obligations.map((o) =>
          isOpen(o) && o.stage === context.stage && o.kind === 'response' ? { ...o, status: 'met' } : o),
      })),
      extend: assign(({ context, event }) => ({
        obligations: context.obligations.map((o) =>
          isOpen(o) && o.stage === context.stage && o.kind === 'response' ? { ...o, ...agreed(event.until) } : o),
      })),
      pause: assign(({ context, event }) => {
        const at = instantOf(event.at), day = cal.localDate(at);
        return {
          obligations: context.obligations.map((o) => {
            if (!isOpen(o) || o.due === null || o.due < at) return o;
            let paused;
            if (o.wholeDay && o.dueDate !== null && o.rule !== 'calendar_days') {
              paused = { unit: 'working_days', remaining: Math.max(0, cal.workingDaysBetween(day, o.dueDate)) };
            } else if (o.wholeDay && o.dueDate !== null) {
              paused = { unit: 'calendar_days', remaining: Math.max(0, o.dueDate - day) };
            } else {
              paused = { unit: 'seconds', remaining: Math.max(0, o.due - at) };
            }
            return { ...o, due: null, dueDate: null, paused };
          }),
        };
      }),
      resume: assign(({ context, event }) => {
        const at = instantOf(event.at), day = cal.localDate(at);
        return {
          obligations: context.obligations.map((o) => {
            if (!isOpen(o) || o.paused === null) return o;
            const { unit, remaining } = o.paused;
            if (unit === 'seconds') return { ...o, due: at + remaining, paused: null };
            const d = unit === 'working_days' ? cal.addWorkingDays(day, remaining) : day + remaining;
            return { ...o, due: cal.endOfDay(d), dueDate: d, paused: null };
          }),
        };
      }),
      consult: assign(({ context, event }) => {
        const consulted = [...context.consulted, { role: event.role, agreed: event.agreed === true, at: instantOf(event.at) }];
        const obligations = context.obligations.map((o) =>
          isOpen(o) && o.kind === 'consult' && o.target.includes(event.role) ? { ...o, status: 'met' } : o);
        referralClock({ ...context, consulted }, obligations, context.stage);
        return { consulted, obligations };
      }),
      refer: assign(({ context, event }) => ({
        referrals: [...context.referrals, { concurrent: event.concurrent, status: 'referred' }],
        obligations: context.obligations.map((o) => {
          if (!isOpen(o)) return o;
          if (o.kind === 'referral' || (!event.concurrent && o.kind === 'overall')) return { ...o, status: 'met' };
          if (!event.concurrent && o.kind === 'response') return { ...o, status: 'closed' };
          return o;
        }),
      })),
      referralDecision: assign(({ context, event }) => ({
        referrals: context.referrals.map((r, i) =>
          i === context.referrals.length - 1 ? { ...r, status: event.accepted ? 'accepted' : 'declined' } : r),
      })),
      meeting: assign(({ context, event }) => ({
        obligations: context.obligations.map((o) =>
          isOpen(o) && o.kind === 'meeting' && o.stage === context.stage && o.meeting === event.kind ? { ...o, status: 'met' } : o),
      })),
      // record / notify naming a duty: the oldest owed one with that id (at `stage`, if given);
      // notify by role: every owed notify duty whose target includes the role.
      meetNamed: assign(({ context, event }) => {
        const obligations = context.obligations.slice();
        if (event.obligation) {
          const i = obligations.findIndex((o) => isOpen(o) && o.id === event.obligation && (!event.stage || o.stage === event.stage) &&
            (o.kind === 'record' || o.kind === 'notify'));
          if (i >= 0) set(obligations, i, { status: 'met' });
        } else {
          obligations.forEach((o, i) => {
            if (isOpen(o) && o.kind === 'notify' && o.target.includes(event.role)) set(obligations, i, { status: 'met' });
          });
        }
        return { obligations };
      }),
      recordDuty: assign(({ context, event }) => {
        const obligations = context.obligations.slice();
        recordDuty(obligations, event.type, instantOf(event.at), context.stage);
        return { obligations };
      }),
      resolve: assign(({ context }) => {
        const obligations = context.obligations.map((o) =>
          isOpen(o) ? { ...o, status: o.kind === 'overall' ? 'met' : 'closed' } : o);
        obligations.push(duty('outcome_to_hos_qapd', 'notify', context.stage, { target: ['HOS_QAPD'] }));
        return { obligations };
      }),
      withdraw: assign(({ context }) => ({
        obligations: context.obligations.map((o) => (isOpen(o) ? { ...o, status: 'closed' } : o)),
      })),
    },
  }).createMachine({
    id: 'merton',
    initial: 'new',
    context: { id: null, stage: null, startStage: 0, obligations: [], consulted: [], referrals: [] },
    on: {
      record: { actions: 'meetNamed' },
      notify: { actions: 'meetNamed' },
      referral_decision: { actions: 'referralDecision' },
    },
    states: {
      new: { on: { raise: { target: 'open', actions: 'raise' } } },
      open: {
        type: 'parallel',
        on: {
          respond: { actions: 'respond' },
          consult: { actions: ['consult', 'recordDuty'] },
          meeting: { actions: ['meeting', 'recordDuty'] },
          refer: { actions: ['refer', 'recordDuty'] },
          resolve: { target: 'resolved', actions: 'resolve' },
          withdraw: { target: 'withdrawn', actions: 'withdraw' },
        },
        states: {
          clock: {
            initial: 'running',
            states: {
              running: {
                on: {
                  pause: { target: 'paused', actions: ['pause', 'recordDuty'] },
                  extend: { actions: ['extend', 'recordDuty'] },
                },
              },
              paused: { on: { resume: { target: 'running', actions: ['resume', 'recordDuty'] } } },
            },
          },
          stage: {
            initial: 'start',
            states: {
              start: { always: STAGES.map((st, i) => ({ target: st.id, guard: { type: 'startsAt', params: { stage: i } } })) },
              ...stageStates,
            },
          },
        },
      },
      resolved: {},
      withdrawn: {},
    },
  });
}
