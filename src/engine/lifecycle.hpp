// The dispute lifecycle as a Boost.MSM state machine: the one place that says which event
// may happen when, and what a dispute is doing (docs/architecture.md).
//
// Three orthogonal regions, read top to bottom like the flowchart:
//   escalation  not_raised -> open -> resolved | withdrawn
//               open holds the clock region: running <-> paused ("time out")
//   referral    none -> referred -> accepted | declined (declined -> referred again)
//   other route none -> taken -> ended (ended -> taken again): a complaint or advocacy
//               instead of escalation (escalate's rule refuses while one is taken)
// The stages themselves come from the runtime policy: "open" carries the current stage,
// and the guards (engine/rules.hpp) answer only the policy's questions. Which events a
// state takes is the table's: an event no row takes is refused with what the region is
// doing (each state's `refuses`), and dispute::allowed_next lists the event types whose
// rows the current states have (takes()).
//
// The regions are the only writers of what they mean in the state: dispute_state::status
// (escalation), ::paused (clock) and the latest referral's status (referral) are set by the
// states' on_entry/on_exit, never by a rule's action.
#pragma once

#include <string>
#include <type_traits>

#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include "common/article.hpp"
#include "engine/rules.hpp"

namespace drp::lifecycle {

namespace msmf = boost::msm::front;
using engine::rejection;

/// An event of one type, as the machine sees it: the fields its rules read
/// (engine/typed_events.hpp), as in Boost.SML's examples.
template <event_type T>
struct on {
    static constexpr event_type type = T;
    engine::fields_t<T> e;
};

// ---- how a refusal by the lifecycle reads ----------------------------------------------------
/// "cannot escalate", the start of "cannot escalate before the dispute is raised".
std::string cannot(event_type t);
/// The refusal of an event whose region is in no state to take it.
inline rejection not_now(std::string message) { return {errc::not_permitted, std::move(message)}; }

/// Every state says why it does not take an event (the table has no row for it there).
struct base_state : msmf::state<> {
    static rejection refuses(event_type t) {
        return not_now(detail::with_article(to_string(t)) + " event is not allowed now");
    }
};

// ---- guards and actions --------------------------------------------------------------------
/// Guard: the policy's rule for the event (a refusal is kept to explain the rejection).
template <auto Check>
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
template <auto Do>
struct apply {
    template <class Event, class Fsm, class Source, class Target>
    void operator()(const Event& ev, Fsm& fsm, Source&, Target&) const {
        Do(fsm.ctx, ev.e);
    }
};

/// Guard: Cafcass's decision is the one this row is for.
template <bool Accepted>
struct decision_is {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event& ev, Fsm&, Source&, Target&) const {
        return ev.e.accepted == Accepted;
    }
};

struct open_;

template <class Fsm>
rejection refusal_in_region(const Fsm& fsm, int region, event_type t);

/// Whether the escalation region (region 0) of `fsm` is in the open state. Asked of the
/// state ids rather than with MSM's is_flag_active, which fills a static table on every
/// call: a data race between threads running different disputes (ThreadSanitizer).
template <class Fsm>
bool in_open(const Fsm& fsm) {
    return fsm.current_state()[0] ==
           boost::msm::back::get_state_id<typename Fsm::stt, boost::msm::back::state_machine<open_>>::value;
}

/// Guard: both, the first asked first.
template <class First, class Second>
struct both {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event& ev, Fsm& fsm, Source& s, Target& t) const {
        return First{}(ev, fsm, s, t) && Second{}(ev, fsm, s, t);
    }
};

/// Guard of the referral region: its events need an open dispute (the escalation region
/// says why not).
struct while_open {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
        if (in_open(fsm)) return true;
        *fsm.ctx.why = refusal_in_region(fsm, 0, Event::type);
        return false;
    }
};

/// A row whose action and guard are a rule's (engine/rules.hpp), for the event's fields.
template <class S, class Ev, class T, auto Do, auto Check>
using rule = msmf::Row<S, Ev, T, apply<Do>, allowed<Check>>;
template <class Ev, auto Do, auto Check>
using rule_in_any_state = msmf::Internal<Ev, apply<Do>, allowed<Check>>;

using E = event_type;
using raise_ = on<E::raise>;
using escalate_ = on<E::escalate>;
using respond_ = on<E::respond>;
using extend_ = on<E::extend>;
using pause_ = on<E::pause>;
using resume_ = on<E::resume>;
using legal_advice_ = on<E::legal_advice>;
using consult_ = on<E::consult>;
using refer_ = on<E::refer>;
using decision_ = on<E::referral_decision>;
using meeting_ = on<E::meeting>;
using record_ = on<E::record>;
using notify_ = on<E::notify>;
using resolve_ = on<E::resolve>;
using withdraw_ = on<E::withdraw>;
using other_route_ = on<E::other_route>;
using other_route_ended_ = on<E::other_route_ended>;

// ---- an open dispute: the clock region ----------------------------------------------------
struct open_ : msmf::state_machine_def<open_, base_state> {
    using no_exception_thrown = int;  // actions cannot fail once their guard passed
    using no_message_queue = int;
    static constexpr int region = 0;  // of the dispute machine: escalation

    engine::context ctx;  // set by the owner before each event

    template <class Event, class Fsm>
    void on_entry(const Event&, Fsm& fsm) {
        fsm.ctx.s->status = dispute_status::open;
    }
    static rejection refuses(event_type t) {
        if (t == E::raise) return not_now("the dispute has already been raised");
        return base_state::refuses(t);
    }

    struct running : base_state {
        static constexpr int region = 0;
        static rejection refuses(event_type t) {
            if (t == E::resume) return not_now("the dispute is not in a time out");
            return base_state::refuses(t);
        }
    };
    struct paused : base_state {
        static constexpr int region = 0;
        template <class Event, class Fsm>
        void on_entry(const Event&, Fsm& fsm) {
            fsm.ctx.s->paused = true;
        }
        template <class Event, class Fsm>
        void on_exit(const Event&, Fsm& fsm) {  // resumed, or the dispute ended
            fsm.ctx.s->paused = false;
        }
        static rejection refuses(event_type t) {
            if (t == E::pause) return not_now("the dispute is already in a time out");
            if (t == E::escalate) return not_now("the dispute is in a time out; resume it before escalating");
            if (t == E::extend) return not_now("the dispute is in a time out; resume it before extending");
            return base_state::refuses(t);
        }
    };
    using initial_state = running;

    // clang-format off
    struct transition_table : boost::mpl::vector<
        //   from       event       to          action               guard
        rule<running,    pause_,     paused,     engine::do_pause,    engine::check_pause>,
        rule<paused,     resume_,    running,    engine::do_resume,   engine::check_resume>,
        // the clock must run to move up a stage or to agree a later date
        rule<running,    escalate_,  msmf::none, engine::do_escalate, engine::check_escalate>,
        rule<running,    extend_,    msmf::none, engine::do_extend,   engine::check_extend>
    > {};
    // In either clock state.
    struct internal_transition_table : boost::mpl::vector<
        //       event          action                   guard
        rule_in_any_state<respond_,      engine::do_respond,      engine::check_respond>,
        rule_in_any_state<consult_,      engine::do_consult,      engine::check_consult>,
        rule_in_any_state<legal_advice_, engine::do_legal_advice, engine::check_legal_advice>,
        rule_in_any_state<meeting_,      engine::do_meeting,      engine::check_meeting>,
        rule_in_any_state<record_,       engine::do_record,       engine::check_record>,
        rule_in_any_state<notify_,       engine::do_notify,       engine::check_notify>
    > {};
    // clang-format on

    template <class Fsm, class Event>
    void no_transition(const Event&, Fsm&, int) {}
};
using open = boost::msm::back::state_machine<open_>;

// ---- the dispute ------------------------------------------------------------------------------
struct dispute_machine_ : msmf::state_machine_def<dispute_machine_, base_state> {
    using no_exception_thrown = int;
    using no_message_queue = int;

    engine::context ctx;  // set by the owner before each event

    // escalation (region 0); `open` above
    struct not_raised : base_state {
        static constexpr int region = 0;
        static rejection refuses(event_type t) {
            return not_now("no raise for this dispute: its first event must be the raise (" + cannot(t) + " before it)");
        }
    };
    template <dispute_status Ended>
    struct ended : base_state {
        static constexpr int region = 0;
        template <class Event, class Fsm>
        void on_entry(const Event&, Fsm& fsm) {
            fsm.ctx.s->status = Ended;
        }
        static rejection refuses(event_type t) {
            if (t == E::raise) return not_now("the dispute has already been raised");
            return not_now(cannot(t) + (Ended == dispute_status::resolved ? " after the dispute was resolved"
                                                                          : " after the dispute was withdrawn"));
        }
    };
    using resolved = ended<dispute_status::resolved>;
    using withdrawn = ended<dispute_status::withdrawn>;

    // referral to Cafcass (region 1); the referrals themselves are the state's `referrals`
    struct no_referral : base_state {
        static constexpr int region = 1;
        static rejection refuses(event_type t) {
            if (t == E::referral_decision) return not_now("there is no referral awaiting a decision");
            return base_state::refuses(t);
        }
    };
    struct referred : base_state {
        static constexpr int region = 1;
        template <class Event, class Fsm>
        void on_entry(const Event&, Fsm& fsm) {
            fsm.ctx.s->referrals.back().status = referral_status::referred;  // the one do_refer added
        }
        static rejection refuses(event_type t) {
            if (t == E::refer) return not_now("a referral to Cafcass is already awaiting its decision");
            return base_state::refuses(t);
        }
    };
    template <referral_status Decision>
    struct decided : base_state {
        static constexpr int region = 1;
        template <class Event, class Fsm>
        void on_entry(const Event&, Fsm&) {}
        template <class Fsm>
        void on_entry(const decision_& ev, Fsm& fsm) {
            auto& r = fsm.ctx.s->referrals.back();
            r.status = Decision;
            r.decided_at = ev.e.at;
        }
        static rejection refuses(event_type t) {
            if (t == E::referral_decision) return not_now("there is no referral awaiting a decision");
            if (t == E::refer && Decision == referral_status::accepted)
                return not_now("Cafcass has accepted the referral already made");
            return base_state::refuses(t);
        }
    };
    using accepted = decided<referral_status::accepted>;
    using declined = decided<referral_status::declined>;

    // another route instead of escalation (region 2); the routes are the state's `other_routes`
    struct no_other_route : base_state {
        static constexpr int region = 2;
        static rejection refuses(event_type t) {
            if (t == E::other_route_ended) return not_now("no other route is being taken");
            return base_state::refuses(t);
        }
    };
    struct other_route_taken : base_state {
        static constexpr int region = 2;
        static rejection refuses(event_type t) {
            if (t == E::other_route) return not_now("another route is already being taken: record its end first");
            return base_state::refuses(t);
        }
    };
    struct other_route_over : no_other_route {};

    using initial_state = boost::mpl::vector<not_raised, no_referral, no_other_route>;

    template <class S, class Ev, class T, auto Do, auto Check>
    using rule_while_open = msmf::Row<S, Ev, T, apply<Do>, both<while_open, allowed<Check>>>;

    // clang-format off
    struct transition_table : boost::mpl::vector<
        //   from          event      to          action               guard
        // -- escalation ------------------------------------------------------------------------------
        rule<not_raised,    raise_,    open,       engine::do_raise,    engine::check_raise>,
        rule<not_raised,    consult_,  msmf::none, engine::do_consult,  engine::check_consult_before_raise>,  // before starting higher
        rule<open,          resolve_,  resolved,   engine::do_resolve,  engine::check_resolve>,
        rule<open,          withdraw_, withdrawn,  engine::do_withdraw, engine::check_withdraw>,
        rule<resolved,      record_,   msmf::none, engine::do_record,   engine::check_record>,   // duties after resolution
        rule<resolved,      notify_,   msmf::none, engine::do_notify,   engine::check_notify>,
        rule<withdrawn,     record_,   msmf::none, engine::do_record,   engine::check_record>,   // and after withdrawal
        rule<withdrawn,     notify_,   msmf::none, engine::do_notify,   engine::check_notify>,
        // -- referral to Cafcass: made while the dispute is open, decided whenever Cafcass decides --
        rule_while_open<no_referral, refer_, referred, engine::do_refer, engine::check_refer>,
        rule_while_open<declined,    refer_, referred, engine::do_refer, engine::check_refer>,   // a new one after a decline
        msmf::Row<referred, decision_, accepted, msmf::none, decision_is<true>>,
        msmf::Row<referred, decision_, declined, msmf::none, decision_is<false>>,
        // -- another route: taken while the dispute is open; its end recorded whenever it ends --
        rule_while_open<no_other_route,   other_route_,       other_route_taken, engine::do_other_route,       engine::check_other_route>,
        rule_while_open<other_route_over, other_route_,       other_route_taken, engine::do_other_route,       engine::check_other_route>,
        rule<other_route_taken,           other_route_ended_, other_route_over,  engine::do_other_route_ended, engine::check_other_route_ended>
    > {};
    // clang-format on

    /// An event no row of a region takes: the owner turns "not handled" into a rejection.
    template <class Fsm, class Event>
    void no_transition(const Event&, Fsm&, int) {}
};

using dispute_machine = boost::msm::back::state_machine<dispute_machine_>;

// ---- reading the table ----------------------------------------------------------------------
namespace detail {
template <class T>
struct tag {  // (no member `type`: MPL would apply it)
    using wrapped = T;
};
template <class Seq, class F>
void each(F&& f) {
    boost::mpl::for_each<Seq, tag<boost::mpl::placeholders::_1>>(f);
}
template <class Fsm, class State>
int id_of() {
    return boost::msm::back::get_state_id<typename Fsm::stt, State>::value;
}
// The states of Fsm (those of the back-end's table that are ours: each says its region).
template <class Fsm, class F>
void each_state(F&& f) {
    each<typename boost::msm::back::generate_state_set<typename Fsm::stt>::type>([&](auto t) {
        using S = typename decltype(t)::wrapped;
        if constexpr (requires { S::region; }) f(t);
    });
}
// The region a state is in, by state id.
template <class Fsm>
int region_of(int state) {
    int region = -1;
    each_state<Fsm>([&](auto t) {
        using S = typename decltype(t)::wrapped;
        if (id_of<Fsm, S>() == state) region = S::region;
    });
    return region;
}
}  // namespace detail

/// What the state region `region` of `fsm` is in says to an event of type `t`.
template <class Fsm>
rejection refusal_in_region(const Fsm& fsm, int region, event_type t) {
    rejection out = base_state::refuses(t);
    const int current = fsm.current_state()[region];
    detail::each_state<Fsm>([&](auto tag) {
        using S = typename decltype(tag)::wrapped;
        if (detail::id_of<Fsm, S>() == current) out = S::refuses(t);
    });
    return out;
}

/// Whether a row of Fsm's transition table leaves state id `from` on an event of type `t`.
template <class Fsm>
bool has_row_from(int from, event_type t) {
    bool found = false;
    detail::each<typename Fsm::transition_table>([&](auto tag) {
        using R = typename decltype(tag)::wrapped;
        if (R::Evt::type == t && detail::id_of<Fsm, typename R::Source>() == from) found = true;
    });
    return found;
}
/// The region of Fsm whose rows take events of type `t` (-1: none). An event type belongs
/// to one region, so that no region acts on an event another refuses.
template <class Fsm>
int region_taking(event_type t) {
    int region = -1;
    detail::each<typename Fsm::transition_table>([&](auto tag) {
        using R = typename decltype(tag)::wrapped;
        if (R::Evt::type == t) region = detail::region_of<Fsm>(detail::id_of<Fsm, typename R::Source>());
    });
    return region;
}
/// Whether an open dispute's tables take events of type `t` in any clock state.
bool open_takes_anywhere(event_type t);
bool open_takes_internally(event_type t);

/// Whether the machine, as it is, has a row for an event of type `t` in the state each
/// region is in (the guards not asked): the types dispute::allowed_next considers.
bool has_row_now(const dispute_machine& m, event_type t);

/// Why the machine took no row for an event of type `t` that no guard refused: what the
/// region the event belongs to is doing ("the dispute is in a time out; ...").
rejection why_not(const dispute_machine& m, event_type t);

}  // namespace drp::lifecycle
