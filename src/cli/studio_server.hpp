// The studio's HTTP server (cpp-httplib): the page and its JSON endpoints on 127.0.0.1 only,
// answering only requests addressed to this machine by name (Host and Origin localhost or
// 127.0.0.1 with the server's port: a DNS-rebinding site cannot drive it), with bodies
// limited in size.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace drp::cli::studio {

struct server_options {
    int port = 8017;                        // 0: any free port
    std::size_t max_body_bytes = 4u << 20;  // a policy is far smaller; larger is 413
    std::string policy_path;                // empty: no file, save is refused
};

/// The pieces of the page, embedded at build time; empty when the front end was not built.
struct page_assets {
    std::string_view html, css, js, licences;
};

/// Binds 127.0.0.1, calls `listening(port)` once bound, then serves until the process
/// ends. drp::error(io) when the port cannot be bound.
void serve(const server_options& options, const page_assets& page, const std::function<void(int)>& listening);

/// Whether a Host header names this server (localhost or 127.0.0.1, with `port`).
bool local_host(std::string_view host, int port);
/// Whether an Origin header is this server's own (http://localhost:PORT, http://127.0.0.1:PORT).
bool local_origin(std::string_view origin, int port);

}  // namespace drp::cli::studio
