// The one line for people that an action or a sweep row carries (action_text.cpp).
#pragma once

#include <string>
#include <string_view>

#include "engine/duty_record.hpp"

namespace drp::engine {

// (What the duty is, "Response from Team Manager or Head of Service", is written once per
// policy when it loads: policy_detail::duty_phrase, src/policy/policy_data.hpp.)
/// The deadline as people read it: "Thu 7 Jan 2027" for the end of a day, "10:30 Tue 22
/// Dec 2026" otherwise; "" without a deadline.
std::string when_phrase(const policy& p, const duty_record& o);
/// The line for an action ("do", "update", "done", "cancel") or a sweep row ("overdue",
/// "due"): "Response from Team Manager or Head of Service by Thu 7 Jan 2027 (Stage 1:
/// Team Manager)". Only the policy's words and dates: no free text, nothing about the child.
std::string action_text(const policy& p, const duty_record& o, std::string_view verb);

}  // namespace drp::engine
