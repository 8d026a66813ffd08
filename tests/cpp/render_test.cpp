// Drawing policies (drp/render.hpp): every stage in both formats, arrows labelled with the
// escalation reasons the policy allows, where a dispute opens, and policy text escaped.
// tests/python/test_render_drawing.py reads all three formats back and checks every seed's
// words against its JSON.
#include "drp/render.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string minimal_policy_text() {
    std::ifstream in(DRP_SOURCE_DIR "/tests/fixtures/policies/valid/minimal.json");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(Drawing, EveryStageOfEverySeedIsDrawnInBothFormats) {
    for (const auto& name : drp::builtin_policy_names()) {
        const auto p = drp::builtin_policy(name);
        const auto mermaid = drp::render_mermaid(p), dot = drp::render_dot(p);
        EXPECT_EQ(mermaid.rfind("---\ntitle: \"", 0), 0u);
        EXPECT_TRUE(has(mermaid, "\n---\nflowchart TD\n"));
        EXPECT_EQ(dot.rfind("digraph", 0), 0u);
        for (const auto& s : p.stages()) {
            EXPECT_TRUE(has(mermaid, "  s_" + s.id + "[") || has(mermaid, "  s_" + s.id + "(")) << name << " " << s.id;
            EXPECT_TRUE(has(dot, "\"s_" + s.id + "\" [label=<<B>")) << name << " " << s.id;
        }
    }
}

TEST(Drawing, MertonIR1SaysWhoRespondsResolveWithinTenWorkingDaysAndIsCopiedToTheSocialWorker) {
    // "Work to be completed within 10 working days": a resolution timescale (docs/seeds.md).
    const auto mermaid = drp::render_mermaid(drp::builtin_policy("merton"));
    EXPECT_TRUE(has(mermaid, "  s_IR1[\"<b>Formal resolution: Stage 1 (IR1)</b><br/>responds: TM / HOS<br/>resolve within 10 working days<br/>copy: SW\"]"));
    EXPECT_TRUE(has(mermaid, "raised by IRO_MANAGER / HOS_SAFEGUARDING"));
}

TEST(Drawing, TheTrustEscalatesOnNoResponseOrAnInadequateResponseNotNotResolved) {
    const auto p = drp::builtin_policy("trust-qas");
    const auto dot = drp::render_dot(p), mermaid = drp::render_mermaid(p);
    EXPECT_TRUE(has(dot, "  \"s_stage1\" -> \"s_stage2\" [label=\"no response or inadequate response\"];"));
    EXPECT_TRUE(has(mermaid, "  s_stage1 -- \"no response or inadequate response\" --> s_stage2"));
    EXPECT_TRUE(has(mermaid, "  s_informal -- \"not resolved\" --> s_stage1"));
    EXPECT_FALSE(has(mermaid, "s_stage1 -- \"not resolved\""));
}

TEST(Drawing, ADisputeNotSeriousEnoughForImmediateActionOpensAtTheInformalChallenge) {
    const auto mermaid = drp::render_mermaid(drp::builtin_policy("cic-issues-resolution"));
    EXPECT_TRUE(has(mermaid, "  d_informal{\"<b>urgency = standard?</b>\"}"));
    EXPECT_TRUE(has(mermaid, "  start -- \"raise\" --> d_informal"));
    EXPECT_TRUE(has(mermaid, "  d_informal -- \"yes\" --> s_informal"));
    EXPECT_TRUE(has(mermaid, "  d_informal -- \"no\" --> s_stage1"));
}

TEST(Drawing, PolicyTextIsEscapedInBothFormats) {
    auto doc = nlohmann::json::parse(minimal_policy_text());
    doc["authority"] = "Borough \"of\" \\ <x>";
    doc["stages"][0]["title"] = "Stage \"1\" <b>&</b> #quot; `t` -->\nnext";
    const auto p = drp::load_policy(doc.dump(), "hostile.json");
    const auto dot = drp::render_dot(p), mermaid = drp::render_mermaid(p);
    EXPECT_TRUE(has(dot, "label=\"Borough \\\"of\\\" \\\\ <x> — Minimal policy (minimal 1.0.0)\";"));
    EXPECT_TRUE(has(dot, "[label=<<B>Stage &quot;1&quot; &lt;b&gt;&amp;&lt;/b&gt; #quot; `t` --&gt;</B><BR/><B>next</B>"));
    EXPECT_TRUE(has(mermaid, "title: \"Borough \\\"of\\\" \\\\ ＜x＞ — Minimal policy (minimal 1.0.0)\"\n"));
    EXPECT_TRUE(has(mermaid, "  s_stage1[\"<b>Stage #quot;1#quot; #lt;b#gt;#amp;#lt;/b#gt; #35;quot; #96;t#96; --#gt;</b><br/><b>next</b>"));
}

}  // namespace
