// Memory running out inside the C API (issue 11): every allocation a call makes is made to
// fail in turn, and the call must return DRP_ENOMEM (or succeed, if the failure was one it
// could absorb), set its outputs to NULL, leave a message, change nothing and never abort.
//
// Global operator new and delete (every variant: plain, array, sized, aligned, nothrow)
// and malloc, calloc, realloc and free are replaced by versions that count the calling
// thread's allocations while a test has armed them, and refuse one of them:
//   - "only the k-th": allocation k fails, those after it succeed (a transient shortage);
//   - "the k-th and later": allocation k and every one after it fail (memory is gone; the
//     library must unwind and report without allocating, and C++'s emergency exception
//     pool is all that is left for throwing).
// For each call, k runs 1, 2, ... until the call completes without reaching its k-th
// allocation; both schedules are swept. The library is linked as hosts link it (the
// shared libdrp, drp.h only) and its allocations come through these replacements.
//
// The replacements forward to the next definition in the link order (dlsym(RTLD_NEXT)):
// glibc's allocator normally, AddressSanitizer's under scripts/sanitize.sh, so the test
// runs unchanged there and ASan still checks every block.
//
// Each sweep costs about (allocations of the call)^2, so CI sweeps cases of a few thousand
// allocations (a small policy, the first Merton dispute); DRP_ALLOC_FAILURE_FULL=1 adds the
// Merton policy and both whole Merton disputes (a few minutes). docs/reliability.md has
// the figures.
//
// A call that aborts kills the test process; the SIGABRT handler first names the call and k.
// With DRP_ALLOC_FAILURE_FORK=1 each attempt runs in a child process instead, so that a
// library that aborts or crashes can be measured: the table then counts the attempts that
// aborted, crashed or returned the wrong code rather than stopping at the first.
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "drp/drp.h"

// ---- the allocation counter --------------------------------------------------------------

// Under AddressSanitizer malloc is called while the sanitizer itself starts (its dlsym
// calls), before its shadow memory exists: the replacements must not be instrumented.
#if defined(__GNUC__) || defined(__clang__)
#define NOT_INSTRUMENTED __attribute__((no_sanitize("address", "undefined")))
#else
#define NOT_INSTRUMENTED
#endif

namespace inject {

constinit thread_local bool armed = false;
constinit thread_local std::size_t seen = 0;     // allocations while armed
constinit thread_local std::size_t fail_at = 0;  // k (0: none fails)
constinit thread_local bool and_later = false;   // also every allocation after the k-th
constinit thread_local std::size_t refused = 0;  // how many were refused

/// Counts one allocation; true when it is to fail.
NOT_INSTRUMENTED inline bool refuse() noexcept {
    if (!armed) return false;
    const std::size_t n = ++seen;
    if (fail_at == 0 || n < fail_at || (n > fail_at && !and_later)) return false;
    ++refused;
    return true;
}

}  // namespace inject

namespace real {

using malloc_fn = void* (*)(std::size_t);
using calloc_fn = void* (*)(std::size_t, std::size_t);
using realloc_fn = void* (*)(void*, std::size_t);
using free_fn = void (*)(void*);
using memalign_fn = int (*)(void**, std::size_t, std::size_t);

malloc_fn malloc_ = nullptr;
calloc_fn calloc_ = nullptr;
realloc_fn realloc_ = nullptr;
free_fn free_ = nullptr;
memalign_fn posix_memalign_ = nullptr;

// dlsym may allocate while the real functions are being looked up: it gets static memory.
alignas(std::max_align_t) char bootstrap[8192];
std::size_t bootstrap_used = 0;
bool resolving = false;

NOT_INSTRUMENTED bool from_bootstrap(const void* p) noexcept {
    return static_cast<const char*>(p) >= bootstrap && static_cast<const char*>(p) < bootstrap + sizeof bootstrap;
}

NOT_INSTRUMENTED void* bootstrap_alloc(std::size_t n) noexcept {
    n = (n + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
    if (n > sizeof bootstrap - bootstrap_used) return nullptr;
    void* p = bootstrap + bootstrap_used;
    bootstrap_used += n;
    return p;  // zeroed: static storage, never reused
}

template <class F>
NOT_INSTRUMENTED F next(const char* name) noexcept {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

NOT_INSTRUMENTED void resolve() noexcept {
    resolving = true;
    malloc_ = next<malloc_fn>("malloc");
    calloc_ = next<calloc_fn>("calloc");
    realloc_ = next<realloc_fn>("realloc");
    free_ = next<free_fn>("free");
    posix_memalign_ = next<memalign_fn>("posix_memalign");
    resolving = false;
    if (!malloc_ || !calloc_ || !realloc_ || !free_ || !posix_memalign_) {
        static const char message[] = "alloc_failure_test: the real malloc could not be found\n";
        (void)!write(2, message, sizeof message - 1);
        _exit(70);
    }
}

NOT_INSTRUMENTED inline bool ready() noexcept {
    if (!malloc_) resolve();
    return true;
}

}  // namespace real

extern "C" {

NOT_INSTRUMENTED void* malloc(std::size_t n) noexcept {
    if (!real::malloc_ && real::resolving) return real::bootstrap_alloc(n);
    real::ready();
    if (inject::refuse()) {
        errno = ENOMEM;
        return nullptr;
    }
    return real::malloc_(n);
}

NOT_INSTRUMENTED void* calloc(std::size_t count, std::size_t size) noexcept {
    if (!real::malloc_ && real::resolving) return size && count > sizeof real::bootstrap / size ? nullptr : real::bootstrap_alloc(count * size);
    real::ready();
    if (inject::refuse()) {
        errno = ENOMEM;
        return nullptr;
    }
    return real::calloc_(count, size);
}

NOT_INSTRUMENTED void* realloc(void* p, std::size_t n) noexcept {
    if (!real::malloc_ && real::resolving) return nullptr;
    real::ready();
    if (real::from_bootstrap(p)) {  // never freed: copy what can be copied
        void* q = malloc(n);
        if (q) std::memcpy(q, p, std::min(n, static_cast<std::size_t>(real::bootstrap + sizeof real::bootstrap - static_cast<char*>(p))));
        return q;
    }
    if (inject::refuse()) {
        errno = ENOMEM;
        return nullptr;
    }
    return real::realloc_(p, n);
}

NOT_INSTRUMENTED void free(void* p) noexcept {
    if (!p || real::from_bootstrap(p)) return;
    real::ready();
    real::free_(p);
}

}  // extern "C"

namespace {

NOT_INSTRUMENTED void* counted(std::size_t n, std::size_t align) noexcept {
    real::ready();
    if (inject::refuse()) return nullptr;
    if (n == 0) n = 1;
    if (align <= alignof(std::max_align_t)) return real::malloc_(n);
    void* p = nullptr;
    return real::posix_memalign_(&p, align, n) == 0 ? p : nullptr;
}

void* counted_or_throw(std::size_t n, std::size_t align) {
    if (void* p = counted(n, align)) return p;
    throw std::bad_alloc();
}

NOT_INSTRUMENTED void release(void* p) noexcept { free(p); }

}  // namespace

void* operator new(std::size_t n) { return counted_or_throw(n, 0); }
void* operator new[](std::size_t n) { return counted_or_throw(n, 0); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted(n, 0); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) { return counted_or_throw(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_or_throw(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return counted(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return counted(n, static_cast<std::size_t>(a)); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }

// ---- sweeping a call ---------------------------------------------------------------------

namespace {

// What the SIGABRT handler prints: the call and the allocation being refused.
char in_progress[512] = "no call in progress";

void on_abort(int) {
    static const char head[] = "\nalloc_failure_test: aborted during ";
    (void)!write(2, head, sizeof head - 1);
    (void)!write(2, in_progress, std::strlen(in_progress));
    (void)!write(2, "\n", 1);
    // returning lets abort() go on and end the process
}

const bool abort_handler_installed = [] {
    std::signal(SIGABRT, on_abort);
    return true;
}();

bool fork_mode() {
    static const bool on = [] {
        const char* v = std::getenv("DRP_ALLOC_FAILURE_FORK");
        return v && *v && std::strcmp(v, "0") != 0;
    }();
    return on;
}

/// DRP_ALLOC_FAILURE_FULL=1: the long sweeps too (see the cases below); a few minutes.
bool full_mode() {
    static const bool on = [] {
        const char* v = std::getenv("DRP_ALLOC_FAILURE_FULL");
        return v && *v && std::strcmp(v, "0") != 0;
    }();
    return on;
}

enum class schedule { only_kth, kth_and_later };
const char* name(schedule s) { return s == schedule::only_kth ? "only the k-th" : "the k-th and later"; }

struct injected {
    int rc = 0;
    std::size_t allocations = 0;  // made (or attempted) by the call
    std::size_t refused = 0;
};

/// Runs one C API call with allocation k refused (and, for kth_and_later, every one after).
template <class Call>
injected run_injected(std::size_t k, schedule s, Call&& call) {
    inject::seen = 0;
    inject::refused = 0;
    inject::fail_at = k;
    inject::and_later = s == schedule::kth_and_later;
    inject::armed = true;
    const int rc = call();
    inject::armed = false;
    return {rc, inject::seen, inject::refused};
}

/// What one sweep found.
struct tally {
    std::size_t points = 0;    // values of k the call reached (its allocations)
    std::size_t enomem = 0;    // attempts that returned DRP_ENOMEM
    std::size_t absorbed = 0;  // attempts that succeeded although an allocation was refused
    std::size_t attempts = 0;  // calls made (points + the final one that completed)
    std::size_t aborted = 0, crashed = 0, wrong = 0;  // DRP_ALLOC_FAILURE_FORK=1 only
};

/// Per call name: the points found under each schedule, printed at the end.
struct report_line {
    std::string call;
    std::size_t only_kth = 0, kth_and_later = 0, enomem = 0, absorbed = 0, cases = 0;
    std::size_t aborted = 0, crashed = 0, wrong = 0;
};
std::vector<report_line>& report() {
    static std::vector<report_line> lines;
    return lines;
}

void add_to_report(const std::string& call, schedule s, const tally& t) {
    auto& lines = report();
    auto it = std::find_if(lines.begin(), lines.end(), [&](const report_line& l) { return l.call == call; });
    if (it == lines.end()) it = lines.insert(lines.end(), report_line{call});
    (s == schedule::only_kth ? it->only_kth : it->kth_and_later) += t.points;
    it->enomem += t.enomem;
    it->absorbed += t.absorbed;
    it->aborted += t.aborted;
    it->crashed += t.crashed;
    it->wrong += t.wrong;
    if (s == schedule::only_kth) ++it->cases;
}

struct print_report : ::testing::Environment {
    void TearDown() override {
        if (report().empty()) return;
        const bool forked = fork_mode();
        std::printf("\nallocation failure points per C API call (each refused in turn; both schedules):\n");
        std::printf("  %-34s %6s %10s %14s %8s %9s", "call", "cases", "only k-th", "k-th and later", "ENOMEM", "absorbed");
        if (forked) std::printf(" %8s %8s %6s", "aborted", "crashed", "wrong");
        std::printf("\n");
        for (const auto& l : report()) {
            std::printf("  %-34s %6zu %10zu %14zu %8zu %9zu", l.call.c_str(), l.cases, l.only_kth, l.kth_and_later, l.enomem,
                        l.absorbed);
            if (forked) std::printf(" %8zu %8zu %6zu", l.aborted, l.crashed, l.wrong);
            std::printf("\n");
        }
        if (!::testing::UnitTest::GetInstance()->Passed()) return;
        std::printf("  every refused allocation gave DRP_ENOMEM with outputs NULL, a message and nothing changed, or a\n"
                    "  success identical to the uninjected one (\"absorbed\"); no call aborted\n");
    }
};
const auto* const report_environment = ::testing::AddGlobalTestEnvironment(new print_report);

/// The check of one attempt: "" when all is well, else what went wrong.
using check_fn = std::function<std::string(const injected&)>;

/// Sweeps k = 1, 2, ... for one call under one schedule. `attempt` runs the call with
/// run_injected and checks the result (returning the injected outcome and a problem text).
/// Stops at the first problem (reported as a test failure) or when the call completes
/// without reaching k.
tally sweep(const std::string& call, schedule s, const std::function<std::pair<injected, std::string>(std::size_t)>& attempt) {
    tally t;
    std::string first_problem;
    for (std::size_t k = 1;; ++k) {
        std::snprintf(in_progress, sizeof in_progress, "%s, allocation %zu refused (%s)", call.c_str(), k, name(s));
        ++t.attempts;
        if (fork_mode()) {
            // The child makes the attempt and says how it went; the parent's handles stay as they were.
            std::fflush(nullptr);
            const pid_t child = fork();
            if (child == 0) {
                const auto [outcome, problem] = attempt(k);
                if (!problem.empty()) {
                    std::fprintf(stderr, "%s, allocation %zu refused (%s): %s\n", call.c_str(), k, name(s), problem.c_str());
                    _exit(outcome.rc != DRP_OK && outcome.rc != DRP_ENOMEM ? 3 : 4);
                }
                _exit(outcome.allocations < k ? 0 : outcome.rc == DRP_ENOMEM ? 1 : 2);
            }
            int status = 0;
            waitpid(child, &status, 0);
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0) break;
            ++t.points;
            if (WIFSIGNALED(status)) {
                ++(WTERMSIG(status) == SIGABRT ? t.aborted : t.crashed);
                if (first_problem.empty()) first_problem = "allocation " + std::to_string(k) + ": " + strsignal(WTERMSIG(status));
            } else if (WEXITSTATUS(status) == 1) {
                ++t.enomem;
            } else if (WEXITSTATUS(status) == 2) {
                ++t.absorbed;
            } else {
                ++t.wrong;
                if (first_problem.empty()) first_problem = "allocation " + std::to_string(k) + ": wrong result";
            }
            continue;
        }
        const auto [outcome, problem] = attempt(k);
        if (!problem.empty()) {
            ADD_FAILURE() << call << ", allocation " << k << " refused (" << name(s) << "): " << problem;
            break;
        }
        if (outcome.allocations < k) {
            if (outcome.rc != DRP_OK) ADD_FAILURE() << call << ": failed without injection: " << outcome.rc << " " << drp_error_last();
            break;
        }
        ++t.points;
        if (outcome.rc == DRP_ENOMEM) ++t.enomem;
        else ++t.absorbed;
    }
    if (!first_problem.empty())
        ADD_FAILURE() << call << " (" << name(s) << "): " << t.aborted << " aborted, " << t.crashed << " crashed, " << t.wrong
                      << " wrong of " << t.points << "; first: " << first_problem;
    std::snprintf(in_progress, sizeof in_progress, "no call in progress");
    add_to_report(call, s, t);
    return t;
}

/// The common checks after an injected attempt: the code, the message, the outputs.
std::string check_code(const injected& o, std::initializer_list<const void*> outputs_on_failure = {}) {
    if (o.allocations < o.refused) return "counter inconsistent";
    if (o.rc == DRP_OK) return "";
    if (o.rc != DRP_ENOMEM)
        return "returned " + std::to_string(o.rc) + " (" + drp_error_name(o.rc) + ") instead of DRP_ENOMEM: " + drp_error_last();
    if (o.refused == 0) return "DRP_ENOMEM although no allocation was refused";
    const std::string message = drp_error_last();
    if (message.rfind("[drp.out_of_memory]", 0) != 0) return "message is not an out-of-memory one: \"" + message + "\"";
    for (const void* out : outputs_on_failure)
        if (out) return "an output is not NULL after DRP_ENOMEM";
    return "";
}

// ---- the host's side: policies, events, texts (all made without injection) -------------

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string merton_path = DRP_SOURCE_DIR "/policies/merton.json";

std::vector<std::string> merton_events() {
    std::vector<std::string> lines;
    std::istringstream in(read(DRP_SOURCE_DIR "/examples/events/merton.jsonl"));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

bool is_raise(const std::string& event) { return event.find("\"type\": \"raise\"") != std::string::npos; }

struct policy_holder {
    drp_policy* p = nullptr;
    policy_holder() { EXPECT_EQ(drp_policy_builtin(&p, "merton"), DRP_OK) << drp_error_last(); }
    ~policy_holder() { drp_policy_free(p); }
};

std::string state_of(const drp_dispute* d, const char* as_of = nullptr) {
    char* text = nullptr;
    if (drp_dispute_state_json(&text, d, as_of) != DRP_OK) return "<state_json failed: " + std::string(drp_error_last()) + ">";
    std::string s = text;
    drp_string_free(text);
    return s;
}

std::string list_text(const drp_list* l) {
    char* text = nullptr;
    if (drp_list_json(&text, l) != DRP_OK) return "<list_json failed: " + std::string(drp_error_last()) + ">";
    std::string s = text;
    drp_string_free(text);
    return s;
}

std::string take_list(drp_list* l) {
    std::string s = list_text(l);
    drp_list_free(l);
    return s;
}

/// The events of the Merton log's dispute `which` (1: MERTON-2026-0041, 20 events: raise
/// at IR1, notifications, records, a response judged inadequate, escalation to IR2, a time
/// out and its end, an extension, resolution; 2: MERTON-2027-0007, 39 events: an agreed
/// date, a challenge meeting, consultation, escalation to the dispute resolution meeting and
/// on, a Cafcass referral and its decision), the first `count` of them (0: all).
std::vector<std::string> dispute_events(int which, std::size_t count = 0) {
    std::vector<std::string> out;
    int dispute = 0;
    for (const auto& e : merton_events()) {
        if (is_raise(e)) ++dispute;
        if (dispute == which && (count == 0 || out.size() < count)) out.push_back(e);
    }
    return out;
}

drp_dispute* replayed(const drp_policy* p, const std::vector<std::string>& events) {
    drp_dispute* d = nullptr;
    EXPECT_EQ(drp_dispute_new(&d, p), DRP_OK);
    for (const auto& e : events) EXPECT_EQ(drp_dispute_apply(nullptr, d, e.c_str()), DRP_OK) << drp_error_last();
    return d;
}

/// The disputes the read-side calls are swept on. In CI the first dispute after its first
/// six events (raised, two notifications, a record, an inadequate response, escalated to
/// IR2: open obligations, met ones, an explain with skipped holidays); with
/// DRP_ALLOC_FAILURE_FULL=1 also both whole disputes.
std::vector<std::vector<std::string>> read_cases() {
    std::vector<std::vector<std::string>> cases{dispute_events(1, 6)};
    if (full_mode()) {
        cases.push_back(dispute_events(1));
        cases.push_back(dispute_events(2));
    }
    return cases;
}

const std::vector<schedule> schedules{schedule::only_kth, schedule::kth_and_later};

// ---- policies ----------------------------------------------------------------------------

std::string check_policy(const injected& o, drp_policy* out, drp_list* diagnostics, const std::string& expected_source,
                         const std::string& expected_diagnostics) {
    std::string problem = check_code(o, {out, diagnostics});
    if (problem.empty() && o.rc == DRP_OK) {
        if (!out || !diagnostics) problem = "success without its outputs";
        else if (expected_source != drp_policy_source(out)) problem = "success with another source text";
        else if (list_text(diagnostics) != expected_diagnostics) problem = "success with other diagnostics";
    }
    drp_policy_free(out);
    drp_list_free(diagnostics);
    return problem;
}

/// The policies loaded: in CI tests/fixtures/policies/valid/minimal.json (the loader's every
/// phase on a small text: parse, schema, model, semantic checks, the validator's warnings);
/// with DRP_ALLOC_FAILURE_FULL=1 also policies/merton.json (about 13,000 allocations).
std::vector<std::string> policy_paths() {
    std::vector<std::string> paths{DRP_SOURCE_DIR "/tests/fixtures/policies/valid/minimal.json"};
    if (full_mode()) paths.push_back(merton_path);
    return paths;
}

TEST(AllocFailure, PolicyLoadFromText) {
    for (const auto& path : policy_paths()) {
        const std::string text = read(path);
        drp_policy* ref = nullptr;
        drp_list* ref_diagnostics = nullptr;
        ASSERT_EQ(drp_policy_load(&ref, &ref_diagnostics, text.c_str(), nullptr), DRP_OK) << drp_error_last();
        const std::string diagnostics_text = take_list(ref_diagnostics);
        drp_policy_free(ref);
        for (const auto s : schedules)
            sweep("drp_policy_load", s, [&](std::size_t k) {
                drp_policy* out = nullptr;
                drp_list* diagnostics = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_policy_load(&out, &diagnostics, text.c_str(), nullptr); });
                return std::pair{o, check_policy(o, out, diagnostics, text, diagnostics_text)};
            });
    }
}

TEST(AllocFailure, PolicyLoadFromFile) {
    for (const auto& path : policy_paths()) {
        const std::string text = read(path);
        drp_policy* ref = nullptr;
        drp_list* ref_diagnostics = nullptr;
        ASSERT_EQ(drp_policy_load_file(&ref, &ref_diagnostics, path.c_str(), nullptr), DRP_OK) << drp_error_last();
        const std::string diagnostics_text = take_list(ref_diagnostics);
        drp_policy_free(ref);
        for (const auto s : schedules)
            sweep("drp_policy_load_file", s, [&](std::size_t k) {
                drp_policy* out = nullptr;
                drp_list* diagnostics = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_policy_load_file(&out, &diagnostics, path.c_str(), nullptr); });
                return std::pair{o, check_policy(o, out, diagnostics, text, diagnostics_text)};
            });
    }
}

TEST(AllocFailure, PolicyBuiltinStagesAndCalendar) {
    const policy_holder merton;
    const std::string source = drp_policy_source(merton.p);
    drp_list* ref_stages = nullptr;
    ASSERT_EQ(drp_policy_stages(&ref_stages, merton.p), DRP_OK);
    const std::string stages_text = take_list(ref_stages);
    for (const auto s : schedules) {
        if (full_mode())  // the whole Merton policy through the loader: about 13,000 allocations
            sweep("drp_policy_builtin", s, [&](std::size_t k) {
                drp_policy* out = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_policy_builtin(&out, "merton"); });
                std::string problem = check_code(o, {out});
                if (problem.empty() && o.rc == DRP_OK && (!out || source != drp_policy_source(out))) problem = "success with another policy";
                drp_policy_free(out);
                return std::pair{o, problem};
            });
        sweep("drp_policy_stages", s, [&](std::size_t k) {
            drp_list* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_stages(&out, merton.p); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && list_text(out) != stages_text) problem = "success with other stages";
            drp_list_free(out);
            return std::pair{o, problem};
        });
        sweep("drp_policy_calendar", s, [&](std::size_t k) {
            drp_calendar* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_calendar(&out, merton.p); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && !out) problem = "success without a calendar";
            drp_calendar_free(out);
            return std::pair{o, problem};
        });
    }
}

// ---- disputes ----------------------------------------------------------------------------

TEST(AllocFailure, DisputeNew) {
    const policy_holder merton;
    for (const auto s : schedules)
        sweep("drp_dispute_new", s, [&](std::size_t k) {
            drp_dispute* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_dispute_new(&out, merton.p); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || std::strcmp(drp_dispute_status(out), "new") != 0))
                problem = "success without a new dispute";
            drp_dispute_free(out);
            return std::pair{o, problem};
        });
}

// Each event of the Merton log applied with every one of its allocations refused in turn
// (CI: the first dispute's 20 events; DRP_ALLOC_FAILURE_FULL=1: all 59 of both). After
// each refusal the dispute's state is byte-identical to before, and the same handle takes
// the next attempt at the same event; the last attempt (k beyond what the call needs)
// applies it for real and must give what an uninjected apply gives.
TEST(AllocFailure, DisputeApplyMertonEvents) {
    const policy_holder merton;
    const std::vector<std::string> events = full_mode() ? merton_events() : dispute_events(1);
    drp_dispute* d = nullptr;
    std::vector<std::string> applied;  // the current dispute's events so far
    // The dispute as it was before the event being swept (replayed without injection).
    const auto rebuild = [&] {
        drp_dispute_free(d);
        d = replayed(merton.p, applied);
    };
    std::size_t index = 0;
    for (const auto& e : events) {
        ++index;
        if (is_raise(e)) applied.clear();
        rebuild();
        const std::string before = state_of(d);
        const std::string before_id = drp_dispute_id(d), before_status = drp_dispute_status(d);
        const std::string where = "event " + std::to_string(index) + ": ";
        // What the uninjected apply gives, on a dispute of its own.
        std::string after, after_actions;
        {
            drp_dispute* reference = replayed(merton.p, applied);
            drp_list* actions = nullptr;
            ASSERT_EQ(drp_dispute_apply(&actions, reference, e.c_str()), DRP_OK) << where << drp_error_last();
            after = state_of(reference);
            after_actions = take_list(actions);
            drp_dispute_free(reference);
        }
        for (const auto s : schedules) {
            if (s != schedules.front()) rebuild();
            sweep("drp_dispute_apply", s, [&](std::size_t k) {
                drp_list* actions = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_dispute_apply(&actions, d, e.c_str()); });
                std::string problem = check_code(o, {actions});
                if (!problem.empty()) {
                    drp_list_free(actions);
                    return std::pair{o, where + problem};
                }
                if (o.rc == DRP_OK) {  // the real apply, or a refusal absorbed
                    const std::string actions_text = actions ? take_list(actions) : "<no actions>";
                    if (state_of(d) != after || actions_text != after_actions)
                        return std::pair{o, where + "a success with another state or other actions"};
                    if (o.allocations >= k) rebuild();  // absorbed: back to the state before, for k + 1
                    return std::pair{o, std::string()};
                }
                if (state_of(d) != before) return std::pair{o, where + "the state changed"};
                if (before_id != drp_dispute_id(d) || before_status != drp_dispute_status(d))
                    return std::pair{o, where + "the dispute's id or status changed"};
                return std::pair{o, std::string()};
            });
            if (::testing::Test::HasFailure() && !fork_mode()) break;
        }
        if (::testing::Test::HasFailure() && !fork_mode()) break;
        applied.push_back(e);
    }
    drp_dispute_free(d);
}

TEST(AllocFailure, DisputeFromJson) {
    const policy_holder merton;
    for (const auto& events : read_cases()) {
        drp_dispute* source = replayed(merton.p, events);
        const std::string state = state_of(source);
        drp_dispute_free(source);
        for (const auto s : schedules)
            sweep("drp_dispute_from_json", s, [&](std::size_t k) {
                drp_dispute* out = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_dispute_from_json(&out, merton.p, state.c_str()); });
                std::string problem = check_code(o, {out});
                if (problem.empty() && o.rc == DRP_OK && (!out || state_of(out) != state)) problem = "success with another state";
                drp_dispute_free(out);
                return std::pair{o, problem};
            });
    }
}

TEST(AllocFailure, DisputeStateObligationsAllowedNext) {
    const policy_holder merton;
    const char* as_of = "2027-06-01T12:00:00Z";  // after every deadline: obligations read overdue
    for (const auto& events : read_cases()) {
        drp_dispute* d = replayed(merton.p, events);
        const std::string state = state_of(d), state_as_of = state_of(d, as_of);
        drp_list* l = nullptr;
        ASSERT_EQ(drp_dispute_obligations(&l, d, as_of), DRP_OK);
        const std::string obligations = take_list(l);
        ASSERT_EQ(drp_dispute_allowed_next(&l, d, as_of), DRP_OK);
        const std::string allowed = take_list(l);
        for (const auto s : schedules) {
            for (const char* when : {static_cast<const char*>(nullptr), as_of}) {
                if (!when && !full_mode()) continue;  // CI: the as_of view (it includes the stored one's work)
                sweep("drp_dispute_state_json", s, [&](std::size_t k) {
                    char* out = nullptr;
                    const auto o = run_injected(k, s, [&] { return drp_dispute_state_json(&out, d, when); });
                    std::string problem = check_code(o, {out});
                    if (problem.empty() && o.rc == DRP_OK && (!out || out != (when ? state_as_of : state)))
                        problem = "success with another text";
                    drp_string_free(out);
                    if (problem.empty() && state_of(d) != state) problem = "the dispute changed";
                    return std::pair{o, problem};
                });
            }
            sweep("drp_dispute_obligations", s, [&](std::size_t k) {
                drp_list* out = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_dispute_obligations(&out, d, as_of); });
                std::string problem = check_code(o, {out});
                if (problem.empty() && o.rc == DRP_OK && (!out || list_text(out) != obligations)) problem = "success with another list";
                drp_list_free(out);
                return std::pair{o, problem};
            });
            sweep("drp_dispute_allowed_next", s, [&](std::size_t k) {
                drp_list* out = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_dispute_allowed_next(&out, d, as_of); });
                std::string problem = check_code(o, {out});
                if (problem.empty() && o.rc == DRP_OK && (!out || list_text(out) != allowed)) problem = "success with another list";
                drp_list_free(out);
                return std::pair{o, problem};
            });
            drp_list* rows = nullptr;
            ASSERT_EQ(drp_dispute_obligations(&rows, d, as_of), DRP_OK);
            sweep("drp_list_json", s, [&](std::size_t k) {
                char* out = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_list_json(&out, rows); });
                std::string problem = check_code(o, {out});
                if (problem.empty() && o.rc == DRP_OK && (!out || out != obligations)) problem = "success with another text";
                drp_string_free(out);
                return std::pair{o, problem};
            });
            drp_list_free(rows);
        }
        drp_dispute_free(d);
    }
}

// The host kit (issue 13): next_due, the sweep over stored states, local wall time.
TEST(AllocFailure, NextDueSweepAndLocalTime) {
    const policy_holder merton;
    const char* as_of = "2027-06-01T12:00:00Z";
    std::vector<std::string> states;
    for (const auto& events : read_cases()) {
        drp_dispute* d = replayed(merton.p, events);
        states.push_back(state_of(d));
        char* due = nullptr;
        ASSERT_EQ(drp_dispute_next_due(&due, d), DRP_OK);
        const std::string expected_due = due ? due : "";
        drp_string_free(due);
        for (const auto s : schedules)
            sweep("drp_dispute_next_due", s, [&](std::size_t k) {
                char* out = nullptr;
                const auto o = run_injected(k, s, [&] { return drp_dispute_next_due(&out, d); });
                std::string problem = check_code(o, {out});
                if (o.rc == DRP_OK && (out ? std::string(out) : std::string()) != expected_due) problem = "success with another value";
                drp_string_free(out);
                return std::pair{o, problem};
            });
        drp_dispute_free(d);
    }
    std::vector<const char*> texts;
    for (const auto& t : states) texts.push_back(t.c_str());
    drp_list* l = nullptr;
    ASSERT_EQ(drp_sweep(&l, nullptr, merton.p, texts.data(), texts.size(), as_of, nullptr), DRP_OK) << drp_error_last();
    const std::string rows = take_list(l);
    for (const auto s : schedules) {
        sweep("drp_sweep", s, [&](std::size_t k) {
            drp_list* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_sweep(&out, nullptr, merton.p, texts.data(), texts.size(), as_of, nullptr); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || list_text(out) != rows)) problem = "success with another list";
            drp_list_free(out);
            return std::pair{o, problem};
        });
        sweep("drp_policy_local_instant", s, [&](std::size_t k) {
            char* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_local_instant(&out, merton.p, "2027-06-08", "09:30"); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || std::string(out) != "2027-06-08T09:30:00+01:00"))
                problem = "success with another text";
            drp_string_free(out);
            return std::pair{o, problem};
        });
        sweep("drp_policy_local_time", s, [&](std::size_t k) {
            char* date = nullptr;
            char* time = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_local_time(&date, &time, merton.p, "2027-06-30T23:30:00Z"); });
            std::string problem = check_code(o, {date, time});
            if (problem.empty() && o.rc == DRP_OK && (!date || !time || std::string(date) != "2027-07-01" || std::string(time) != "00:30:00"))
                problem = "success with other texts";
            drp_string_free(date);
            drp_string_free(time);
            return std::pair{o, problem};
        });
    }
}

// Freeing allocates too: nlohmann/json takes a non-empty array or object apart through a
// stack it allocates (a list's rows, a policy's condition facts). A free function has no
// code to return; it must free everything (ASan's leak check) and never abort.
TEST(AllocFailure, FreeFunctions) {
    const policy_holder merton;
    const auto events = dispute_events(1, 6);
    for (const auto s : schedules) {
        sweep("drp_list_free", s, [&](std::size_t k) {
            drp_dispute* d = replayed(merton.p, events);
            drp_list* l = nullptr;
            EXPECT_EQ(drp_dispute_obligations(&l, d, nullptr), DRP_OK);
            drp_dispute_free(d);
            const auto o = run_injected(k, s, [&] {
                drp_list_free(l);
                return DRP_OK;
            });
            return std::pair{o, std::string()};
        });
        sweep("drp_dispute_free", s, [&](std::size_t k) {
            drp_dispute* d = replayed(merton.p, events);
            const auto o = run_injected(k, s, [&] {
                drp_dispute_free(d);
                return DRP_OK;
            });
            return std::pair{o, std::string()};
        });
        sweep("drp_policy_free", s, [&](std::size_t k) {
            drp_policy* p = nullptr;
            EXPECT_EQ(drp_policy_builtin(&p, "qa-form"), DRP_OK);  // the last handle: its data goes
            const auto o = run_injected(k, s, [&] {
                drp_policy_free(p);
                return DRP_OK;
            });
            return std::pair{o, std::string()};
        });
    }
}

// ---- calendars ---------------------------------------------------------------------------

std::string holidays_of(const drp_calendar* c, int year) {
    drp_list* l = nullptr;
    if (drp_calendar_holidays(&l, c, year) != DRP_OK) return "<holidays failed>";
    return take_list(l);
}

TEST(AllocFailure, Calendar) {
    if (full_mode()) {
        // A division's tables are built on its first use (about 13,500 allocations) and kept:
        // swept once, the k-th only; after it Northern Ireland's are built.
        sweep("drp_calendar_new (first use)", schedule::only_kth, [&](std::size_t k) {
            drp_calendar* out = nullptr;
            const auto o = run_injected(k, schedule::only_kth, [&] { return drp_calendar_new(&out, "northern-ireland"); });
            std::string problem = check_code(o, {out});
            drp_calendar_free(out);
            return std::pair{o, problem};
        });
    }
    drp_calendar* c = nullptr;
    ASSERT_EQ(drp_calendar_new(&c, "england-and-wales"), DRP_OK);
    const std::string holidays = holidays_of(c, 2026);
    for (const auto s : schedules) {
        sweep("drp_calendar_new", s, [&](std::size_t k) {
            drp_calendar* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_calendar_new(&out, "england-and-wales"); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || holidays_of(out, 2026) != holidays)) problem = "success with another calendar";
            drp_calendar_free(out);
            return std::pair{o, problem};
        });
        sweep("drp_calendar_add_closure", s, [&](std::size_t k) {
            const auto o = run_injected(k, s, [&] { return drp_calendar_add_closure(c, "2026-12-29", "Council closed"); });
            std::string problem = check_code(o);
            if (problem.empty() && o.rc != DRP_OK && holidays_of(c, 2026) != holidays) problem = "the calendar changed";
            if (problem.empty() && o.rc == DRP_OK && drp_calendar_remove_closure(nullptr, c, "2026-12-29") != DRP_OK)
                problem = "could not undo the closure";
            return std::pair{o, problem};
        });
        sweep("drp_calendar_add_working_days", s, [&](std::size_t k) {
            char* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_calendar_add_working_days(&out, c, "2026-12-21", 10); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || std::strcmp(out, "2027-01-07") != 0)) problem = "success with another day";
            drp_string_free(out);
            return std::pair{o, problem};
        });
        sweep("drp_calendar_holidays", s, [&](std::size_t k) {
            drp_list* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_calendar_holidays(&out, c, 2026); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || list_text(out) != holidays)) problem = "success with another list";
            drp_list_free(out);
            return std::pair{o, problem};
        });
        sweep("drp_calendar_is_working_day", s, [&](std::size_t k) {
            int working = -1;
            const auto o = run_injected(k, s, [&] { return drp_calendar_is_working_day(&working, c, "2026-12-25"); });
            std::string problem = check_code(o);
            if (problem.empty() && o.rc == DRP_OK && working != 0) problem = "Christmas Day read as a working day";
            if (problem.empty() && o.rc != DRP_OK && working != 0) problem = "the output is not 0 after DRP_ENOMEM";
            return std::pair{o, problem};
        });
        sweep("drp_calendar_working_days_between", s, [&](std::size_t k) {
            int between = -1;
            const auto o = run_injected(k, s, [&] { return drp_calendar_working_days_between(&between, c, "2026-12-21", "2027-01-07"); });
            std::string problem = check_code(o);
            if (problem.empty() && o.rc == DRP_OK && between != 10) problem = "another count";
            if (problem.empty() && o.rc != DRP_OK && between != 0) problem = "the output is not 0 after DRP_ENOMEM";
            return std::pair{o, problem};
        });
        // A GOV.UK file for 2026 (one extra day): refused, the calendar keeps the built-in 2026.
        const char* govuk = R"({"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "New Year's Day", "date": "2026-01-01", "notes": "", "bunting": true},
            {"title": "Extra bank holiday", "date": "2026-12-22", "notes": "", "bunting": true}]}})";
        sweep("drp_calendar_import_govuk", s, [&](std::size_t k) {
            drp_calendar* fresh = nullptr;
            EXPECT_EQ(drp_calendar_new(&fresh, "england-and-wales"), DRP_OK);
            const auto o = run_injected(k, s, [&] { return drp_calendar_import_govuk(fresh, govuk); });
            std::string problem = check_code(o);
            if (problem.empty() && o.rc != DRP_OK && holidays_of(fresh, 2026) != holidays) problem = "the calendar changed";
            int working = -1;
            if (problem.empty() && o.rc == DRP_OK &&
                (drp_calendar_is_working_day(&working, fresh, "2026-12-22") != DRP_OK || working != 0))
                problem = "success without the imported day";
            drp_calendar_free(fresh);
            return std::pair{o, problem};
        });
        if (full_mode()) {  // the same rebuilt tables as add_closure
            sweep("drp_calendar_remove_closure", s, [&](std::size_t k) {
                EXPECT_EQ(drp_calendar_add_closure(c, "2026-12-30", nullptr), DRP_OK);
                const std::string with_closure = holidays_of(c, 2026);
                int removed = -1;
                const auto o = run_injected(k, s, [&] { return drp_calendar_remove_closure(&removed, c, "2026-12-30"); });
                std::string problem = check_code(o);
                if (problem.empty() && o.rc != DRP_OK && holidays_of(c, 2026) != with_closure) problem = "the calendar changed";
                if (problem.empty() && o.rc == DRP_OK && removed != 1) problem = "success without the removal";
                if (problem.empty() && o.rc != DRP_OK && removed != 0) problem = "the output is not 0 after DRP_ENOMEM";
                if (o.rc != DRP_OK) drp_calendar_remove_closure(nullptr, c, "2026-12-30");
                return std::pair{o, problem};
            });
        }
    }
    EXPECT_EQ(holidays_of(c, 2026), holidays);
    drp_calendar_free(c);
}

// ---- policy versions and moving a dispute --------------------------------------------------

/// Merton's seed text as version 1.1.0, taking effect on 2027-04-01 (made without injection).
std::string merton_1_1_0() {
    std::string text = read(merton_path);
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"\"version\": \"1.0.0\"", "\"version\": \"1.1.0\""},
                                   {"\"effective_from\": \"2025-01-01\"", "\"effective_from\": \"2027-04-01\""}}) {
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
    }
    return text;
}

TEST(AllocFailure, PolicyVersionsAndStatePolicy) {
    const policy_holder merton;
    drp_policy* next = nullptr;
    ASSERT_EQ(drp_policy_load(&next, nullptr, merton_1_1_0().c_str(), nullptr), DRP_OK) << drp_error_last();
    for (const auto s : schedules) {
        sweep("drp_policy_versions_new", s, [&](std::size_t k) {
            drp_policy_versions* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_versions_new(&out); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && (!out || drp_policy_versions_count(out) != 0)) problem = "success without an empty set";
            drp_policy_versions_free(out);
            return std::pair{o, problem};
        });
        drp_policy_versions* set = nullptr;
        ASSERT_EQ(drp_policy_versions_new(&set), DRP_OK);
        ASSERT_EQ(drp_policy_versions_add(set, merton.p), DRP_OK);
        sweep("drp_policy_versions_add", s, [&](std::size_t k) {
            const auto o = run_injected(k, s, [&] { return drp_policy_versions_add(set, next); });
            std::string problem = check_code(o);
            const size_t want = o.rc == DRP_OK ? 2 : 1;
            if (problem.empty() && drp_policy_versions_count(set) != want) problem = "the set has " + std::to_string(drp_policy_versions_count(set)) + " versions";
            if (problem.empty() && std::strcmp(drp_policy_version(drp_policy_versions_get(set, 0)), "1.0.0") != 0)
                problem = "the first version changed";
            if (o.rc == DRP_OK) {  // back to one version for the next attempt
                drp_policy_versions_free(set);
                set = nullptr;
                EXPECT_EQ(drp_policy_versions_new(&set), DRP_OK);
                EXPECT_EQ(drp_policy_versions_add(set, merton.p), DRP_OK);
            }
            return std::pair{o, problem};
        });
        ASSERT_EQ(drp_policy_versions_add(set, next), DRP_OK);
        sweep("drp_policy_versions_in_force", s, [&](std::size_t k) {
            const drp_policy* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_versions_in_force(&out, set, "2027-04-01"); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && out != drp_policy_versions_get(set, 1)) problem = "success with another version";
            return std::pair{o, problem};
        });
        sweep("drp_policy_versions_find", s, [&](std::size_t k) {
            const drp_policy* out = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_policy_versions_find(&out, set, "1.0.0"); });
            std::string problem = check_code(o, {out});
            if (problem.empty() && o.rc == DRP_OK && out != drp_policy_versions_get(set, 0)) problem = "success with another version";
            return std::pair{o, problem};
        });
        drp_policy_versions_free(set);
        drp_dispute* d = replayed(merton.p, dispute_events(1, 6));
        const std::string state = state_of(d);
        drp_dispute_free(d);
        sweep("drp_state_policy", s, [&](std::size_t k) {
            char* id = nullptr;
            char* version = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_state_policy(&id, &version, state.c_str()); });
            std::string problem = check_code(o, {id, version});
            if (problem.empty() && o.rc == DRP_OK && (!id || !version || std::strcmp(id, "merton") != 0 || std::strcmp(version, "1.0.0") != 0))
                problem = "success with another policy";
            drp_string_free(id);
            drp_string_free(version);
            return std::pair{o, problem};
        });
    }
    drp_policy_free(next);
}

// The first Merton dispute after six events (at IR2, after an inadequate response) moved
// to 1.1.0: on DRP_ENOMEM the outputs are NULL and the dispute is byte-identical; a success
// gives what an uninjected move gives.
TEST(AllocFailure, DisputeMigrate) {
    const policy_holder merton;
    drp_policy* next = nullptr;
    ASSERT_EQ(drp_policy_load(&next, nullptr, merton_1_1_0().c_str(), nullptr), DRP_OK) << drp_error_last();
    drp_dispute* d = replayed(merton.p, dispute_events(1, 6));
    const std::string before = state_of(d);
    const char* at = "2027-04-01T09:00:00+01:00";
    std::string moved_state, moved_actions;
    {
        drp_dispute* m = nullptr;
        drp_list* actions = nullptr;
        ASSERT_EQ(drp_dispute_migrate(&m, &actions, d, next, at), DRP_OK) << drp_error_last();
        moved_state = state_of(m);
        moved_actions = take_list(actions);
        drp_dispute_free(m);
    }
    for (const auto s : schedules)
        sweep("drp_dispute_migrate", s, [&](std::size_t k) {
            drp_dispute* m = nullptr;
            drp_list* actions = nullptr;
            const auto o = run_injected(k, s, [&] { return drp_dispute_migrate(&m, &actions, d, next, at); });
            std::string problem = check_code(o, {m, actions});
            if (problem.empty() && o.rc == DRP_OK && (!m || !actions || state_of(m) != moved_state || list_text(actions) != moved_actions))
                problem = "success with another moved state or other actions";
            if (problem.empty() && state_of(d) != before) problem = "the original dispute changed";
            drp_dispute_free(m);
            drp_list_free(actions);
            return std::pair{o, problem};
        });
    drp_dispute_free(d);
    drp_policy_free(next);
}

}  // namespace
