// drp_schema_check SCHEMA INSTANCE... — validates each instance file against a schema
// file with drp::json::schema and prints one JSON line per instance:
//   {"valid": bool, "errors": [{"instance_pointer", "schema_pointer", "keyword", "message",
//                               "hint", "at_key", "line", "column"}]}
// line/column locate the error in the instance text (the key for at_key errors).
// Exit status: 0 all valid, 1 some instance invalid, 2 usage error, unreadable file,
// text that is not JSON, or a schema that does not compile ({"error": "..."} printed).
// Used by tests/python/test_json_schema_agreement.py.
#include "drp/error.hpp"
#include "drp/json_positions.hpp"
#include "drp/json_schema.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw drp::error(drp::errc::io, std::string("cannot read ") + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

nlohmann::json parse(const std::string& text, const char* path) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        const auto at = drp::json::position_of_parse_error(text, e.byte);
        throw drp::error(drp::errc::invalid_json, std::string(path) + ":" + std::to_string(at.line) + ":" +
                                                      std::to_string(at.column) + ": " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw drp::error(drp::errc::invalid_json, std::string(path) + ": " + e.what());
    }
}

void print_error(const std::string& message) {
    std::cout << nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: drp_schema_check SCHEMA.json INSTANCE.json...\n";
        return 2;
    }
    drp::json::schema schema = [&] {
        try {
            return drp::json::schema::compile(parse(read_file(argv[1]), argv[1]));
        } catch (const drp::error& e) {
            print_error(e.what());
            std::exit(2);
        }
    }();
    int status = 0;
    for (int i = 2; i < argc; ++i) {
        try {
            const std::string text = read_file(argv[i]);
            const auto errors = schema.validate(parse(text, argv[i]));
            const auto positions = drp::json::position_map::scan(text);
            nlohmann::json report{{"valid", errors.empty()}, {"errors", nlohmann::json::array()}};
            for (const auto& e : errors) {
                const auto at = e.at_key ? positions.nearest_key_or_value(e.instance_pointer) : positions.nearest(e.instance_pointer);
                report["errors"].push_back({{"instance_pointer", e.instance_pointer},
                                            {"schema_pointer", e.schema_pointer},
                                            {"keyword", e.keyword},
                                            {"message", e.message},
                                            {"hint", e.hint},
                                            {"at_key", e.at_key},
                                            {"line", at.line},
                                            {"column", at.column}});
            }
            std::cout << report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            if (!errors.empty() && status == 0) status = 1;
        } catch (const drp::error& e) {
            print_error(e.what());
            status = 2;
        }
    }
    return status;
}
