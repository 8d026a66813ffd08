// Any bytes as [rule, data]: a rule that compiles gives the same value over the data as a
// JSON document and through a facts_view over it (following members, or lending the root).
#include "drp/conditions.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "drp/error.hpp"

namespace {

using nlohmann::json;

class document_view final : public drp::facts_view {
public:
    document_view(const json& data, bool follow) : data_(data), follow_(follow) {}
    found find(std::span<const std::string> path, json&) const override {
        if (!follow_) return {&data_, 0};
        const json* current = &data_;
        std::size_t steps = 0;
        for (; steps < path.size() && current->is_object(); ++steps) {
            const auto it = current->find(path[steps]);
            if (it == current->end()) return {nullptr, steps + 1};
            current = &*it;
        }
        return {current, steps};
    }
    const json& whole() const override { return data_; }

private:
    const json& data_;
    bool follow_;
};

bool identical(const json& a, const json& b) {
    if (a.is_number_float() && b.is_number_float() && std::isnan(a.get<double>()))
        return std::isnan(b.get<double>());
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (!a.is_array() && !a.is_object()) return a == b;
    for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
        if (a.is_object() && x.key() != y.key()) return false;
        if (!identical(*x, *y)) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const json input = json::parse(text, nullptr, false);
    if (input.is_discarded() || !input.is_array() || input.size() != 2) return 0;
    try {
        const drp::condition rule = drp::condition::compile(input[0]);
        const json expected = rule.evaluate(input[1]);
        for (const bool follow : {true, false}) {
            const document_view view(input[1], follow);
            if (!identical(rule.evaluate(view), expected)) std::abort();
            if (rule.test(view) != rule.test(input[1])) std::abort();
        }
    } catch (const drp::error&) {
        // refused at compile time
    }
    return 0;
}
