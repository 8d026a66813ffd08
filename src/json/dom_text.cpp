#include "json/dom_text.hpp"

#include "json/text_writer.hpp"

namespace drp::detail {

std::string dump_text(const nlohmann::json& j, int indent) {
    std::string out;
    json_text_writer text(out, indent);
    write_dom(text, j);
    return out;
}

}  // namespace drp::detail
