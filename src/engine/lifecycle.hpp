// drp/lifecycle.hpp — the dispute lifecycle as a Boost.MSM state machine.
//
// Three orthogonal regions, read top to bottom like the flowchart:
//   escalation  not_raised -> open (stage k, k' ...) -> resolved | withdrawn
//   clock       running <-> paused ("time out")
//   referral    none -> legal advice -> referred -> decided
// The stages themselves come from the runtime policy: "open" carries the current stage,
// and every guard asks the policy (drp/rules.hpp) whether the event is allowed now. This
// table is the one place that decides which transitions exist.
#pragma once

#include <boost/mpl/vector/vector30.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include "engine/rules.hpp"

namespace drp::lifecycle {

namespace msmf = boost::msm::front;

/// An event of one type, as the machine sees it.
template <event_type T>
struct on {
    const event& e;
};

/// Guard: the policy rule for the event (a refusal is kept to explain the rejection).
template <engine::check_result (*Check)(const engine::context&, const event&)>
struct allowed {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event& ev, Fsm& fsm, Source&, Target&) const {
        if (auto refused = Check(fsm.ctx, ev.e)) {
            *fsm.ctx.why = std::move(*refused);
            return false;
        }
        return true;
    }
};

/// Action: the state change the rule describes.
template <void (*Do)(const engine::context&, const event&)>
struct apply {
    template <class Event, class Fsm, class Source, class Target>
    void operator()(const Event& ev, Fsm& fsm, Source&, Target&) const {
        Do(fsm.ctx, ev.e);
    }
};

/// Guard for the clock region on resolve/withdraw: follows the escalation region, which
/// has already released the clock when it accepted the event.
struct clock_released {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
        return !fsm.ctx.s->paused;
    }
};

struct dispute_machine_ : msmf::state_machine_def<dispute_machine_> {
    using no_exception_thrown = int;  // actions cannot fail once their guard passed
    using no_message_queue = int;

    engine::context ctx;  // set by the owner before each event

    // escalation
    struct not_raised : msmf::state<> {};
    struct open : msmf::state<> {};
    struct resolved : msmf::state<> {};
    struct withdrawn : msmf::state<> {};
    // clock
    struct running : msmf::state<> {};
    struct paused : msmf::state<> {};
    // external referral
    struct no_referral : msmf::state<> {};
    struct advice_sought : msmf::state<> {};
    struct referred : msmf::state<> {};
    struct decided : msmf::state<> {};

    using initial_state = boost::mpl::vector<not_raised, running, no_referral>;

    using E = event_type;
    template <E T>
    using ev = on<T>;
    using raise_ = ev<E::raise>;
    using escalate_ = ev<E::escalate>;
    using respond_ = ev<E::respond>;
    using extend_ = ev<E::extend>;
    using pause_ = ev<E::pause>;
    using resume_ = ev<E::resume>;
    using legal_advice_ = ev<E::legal_advice>;
    using consult_ = ev<E::consult>;
    using refer_ = ev<E::refer>;
    using decision_ = ev<E::referral_decision>;
    using meeting_ = ev<E::meeting>;
    using record_ = ev<E::record>;
    using notify_ = ev<E::notify>;
    using resolve_ = ev<E::resolve>;
    using withdraw_ = ev<E::withdraw>;

    template <class S, class Ev, class T, void (*Do)(const engine::context&, const event&),
              engine::check_result (*Check)(const engine::context&, const event&)>
    using row = msmf::Row<S, Ev, T, apply<Do>, allowed<Check>>;

    // clang-format off
    struct transition_table : boost::mpl::vector26<
        //   from           event          to             action                         guard
        // -- escalation --------------------------------------------------------------------------------------------
        row<not_raised,    raise_,        open,          engine::do_raise,              engine::check_raise>,
        row<open,          escalate_,     open,          engine::do_escalate,           engine::check_escalate>,
        row<open,          respond_,      open,          engine::do_respond,            engine::check_respond>,
        row<open,          extend_,       open,          engine::do_extend,             engine::check_extend>,
        row<open,          consult_,      open,          engine::do_consult,            engine::check_consult>,
        row<open,          meeting_,      open,          engine::do_meeting,            engine::check_meeting>,
        row<open,          record_,       open,          engine::do_record,             engine::check_record>,
        row<open,          notify_,       open,          engine::do_notify,             engine::check_notify>,
        row<open,          resolve_,      resolved,      engine::do_resolve,            engine::check_resolve>,
        row<open,          withdraw_,     withdrawn,     engine::do_withdraw,           engine::check_withdraw>,
        row<resolved,      record_,       resolved,      engine::do_record,             engine::check_record>,   // duties after resolution
        row<resolved,      notify_,       resolved,      engine::do_notify,             engine::check_notify>,
        row<withdrawn,     record_,       withdrawn,     engine::do_record,             engine::check_record>,   // and after withdrawal
        row<withdrawn,     notify_,       withdrawn,     engine::do_notify,             engine::check_notify>,
        // -- clock ----------------------------------------------------------------------------------------------------
        row<running,       pause_,        paused,        engine::do_pause,              engine::check_pause>,
        row<paused,        resume_,       running,       engine::do_resume,             engine::check_resume>,
        msmf::Row<paused,  resolve_,      running,       msmf::none,                    clock_released>,
        msmf::Row<paused,  withdraw_,     running,       msmf::none,                    clock_released>,
        // -- external referral ------------------------------------------------------------------------------------------
        row<no_referral,   legal_advice_, advice_sought, engine::do_legal_advice,       engine::check_legal_advice>,
        row<advice_sought, legal_advice_, advice_sought, engine::do_legal_advice,       engine::check_legal_advice>,
        row<referred,      legal_advice_, referred,      engine::do_legal_advice,       engine::check_legal_advice>,
        row<decided,       legal_advice_, decided,       engine::do_legal_advice,       engine::check_legal_advice>,
        row<no_referral,   refer_,        referred,      engine::do_refer,              engine::check_refer>,
        row<advice_sought, refer_,        referred,      engine::do_refer,              engine::check_refer>,
        row<decided,       refer_,        referred,      engine::do_refer,              engine::check_refer>,
        row<referred,      decision_,     decided,       engine::do_referral_decision,  engine::check_referral_decision>
    > {};
    // clang-format on

    /// An event no row of a region takes: the owner turns "not handled" into a rejection.
    template <class Fsm, class Event>
    void no_transition(const Event&, Fsm&, int) {}
};

using dispute_machine = boost::msm::back::state_machine<dispute_machine_>;

}  // namespace drp::lifecycle
