#include "cli/studio_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include "cli/studio_api.hpp"
#include "cli/studio_save.hpp"
#include "drp/policy.hpp"
#include "drp/error.hpp"

namespace drp::detail {
std::string_view policy_schema_json() noexcept;  // generated from schemas/
}

namespace drp::cli::studio {
namespace {

// The page may load only its own files and talk only to this server: nothing it shows
// can send a scenario anywhere else.
constexpr const char* content_security_policy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

void send(httplib::Response& res, const reply& r) {
    res.status = r.status;
    res.set_content(r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_asset(httplib::Response& res, std::string_view body, const char* type) {
    res.set_content(std::string(body), type);
}

// A POST endpoint: the body is a JSON object; whatever the handler throws as a reply is sent.
httplib::Server::Handler json_endpoint(std::function<reply(const nlohmann::json&)> handler) {
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        try {
            if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
                return send(res, refusal(415, "unsupported_media_type", "send the request as application/json"));
            send(res, handler(parse_request(req.body)));
        } catch (const reply& r) {
            send(res, r);
        } catch (const std::bad_alloc&) {
            send(res, refusal(500, "out_of_memory", "out of memory"));
        } catch (const error& e) {
            send(res, refusal(500, to_string(e.code()), std::string(e.reason())));
        } catch (const std::exception&) {
            send(res, refusal(500, "internal", "internal error; please report it"));
        }
    };
}

}  // namespace

bool local_host(std::string_view host, int port) {
    const std::string p = ":" + std::to_string(port);
    return host == "127.0.0.1" + p || host == "localhost" + p;
}

bool local_origin(std::string_view origin, int port) {
    static constexpr std::string_view scheme = "http://";
    return origin.substr(0, scheme.size()) == scheme && local_host(origin.substr(scheme.size()), port);
}

void serve(const server_options& options, const page_assets& page, const std::function<void(int)>& listening) {
    httplib::Server server;
    // A browser keeps up to six connections open to a server: fewer workers than that would
    // leave a request waiting for an idle connection's keep-alive to end.
    server.new_task_queue = [] { return new httplib::ThreadPool(8); };
    server.set_payload_max_length(options.max_body_bytes);
    // httplib's default is SO_REUSEPORT, which lets a second studio (or any program of the
    // user's) listen on the same port and take half the requests: SO_REUSEADDR only.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        (void)::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server.set_read_timeout(10);
    server.set_default_headers({{"Content-Security-Policy", content_security_policy},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Cache-Control", "no-store"}});
    int port = 0;
    server.set_pre_routing_handler([&port](const httplib::Request& req, httplib::Response& res) {
        if (!local_host(req.get_header_value("Host"), port)) {
            send(res, refusal(403, "forbidden_host", "the studio answers only requests to 127.0.0.1 or localhost with its port"));
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.has_header("Origin") && !local_origin(req.get_header_value("Origin"), port)) {
            send(res, refusal(403, "forbidden_origin", "the studio answers only its own page"));
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([&options](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413)
            send(res, refusal(413, "too_large", "the request is larger than " + std::to_string(options.max_body_bytes) + " bytes"));
        else if (res.status == 404)
            send(res, refusal(404, "not_found", "no such page or endpoint"));
        else
            send(res, refusal(res.status, "bad_request", "the request could not be read"));
    });

    server.Get("/", [&page](const httplib::Request&, httplib::Response& res) {
        send_asset(res, page.html, "text/html; charset=utf-8");
    });
    server.Get("/studio.css", [&page](const httplib::Request&, httplib::Response& res) {
        send_asset(res, page.css, "text/css; charset=utf-8");
    });
    server.Get("/studio.js", [&page](const httplib::Request&, httplib::Response& res) {
        send_asset(res, page.js, "text/javascript; charset=utf-8");
    });
    server.Get("/licences.txt", [&page](const httplib::Request&, httplib::Response& res) {
        send_asset(res, page.licences, "text/plain; charset=utf-8");
    });
    policy_file file(options.policy_path);
    server.Get("/api/session", [&file](const httplib::Request&, httplib::Response& res) { send(res, file.session()); });
    server.Get("/api/seeds", [](const httplib::Request&, httplib::Response& res) {
        nlohmann::json names = nlohmann::json::array();
        for (const auto& n : builtin_policy_names()) names.push_back(n);
        send(res, {200, {{"seeds", names}}});
    });
    server.Get("/api/schema", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(detail::policy_schema_json()), "application/json");
    });
    const std::string file_name = options.policy_path.empty() ? "policy.json" : options.policy_path;
    server.Post("/api/validate", json_endpoint([file_name](const nlohmann::json& r) { return validate(r, file_name); }));
    server.Post("/api/render", json_endpoint(render));
    server.Post("/api/simulate", json_endpoint(simulate));
    server.Post("/api/seed", json_endpoint(seed));
    server.Post("/api/save", json_endpoint([&file](const nlohmann::json& r) { return file.save(r); }));

    // Loopback only: the studio is never reachable from another machine.
    if (options.port == 0) {
        port = server.bind_to_any_port("127.0.0.1");
        if (port <= 0) throw error(errc::io, "cannot listen on 127.0.0.1");
    } else {
        if (!server.bind_to_port("127.0.0.1", options.port))
            throw error(errc::io, "cannot listen on 127.0.0.1:" + std::to_string(options.port) +
                                      " (in use? choose another with --port)");
        port = options.port;
    }
    listening(port);
    if (!server.listen_after_bind()) throw error(errc::io, "the studio's server stopped");
}

}  // namespace drp::cli::studio
