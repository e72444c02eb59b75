// The HTTP/1.1 server on Boost.Beast: keep-alive, read/write timeouts, body-size limit,
// handlers run on a separate worker pool (never on the network threads), graceful shutdown.
// Plain HTTP, or HTTPS only (TLS 1.2 and later) when a certificate and key are given.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/pipeline.h"

namespace kf::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: pick a free port (tests)
  int io_threads = 2;
  int worker_threads = 8;
  std::uint64_t body_limit_bytes = 1 << 20;
  int read_timeout_s = 30;
  int write_timeout_s = 60;
  int shutdown_grace_s = 30;
  int upload_timeout_s = 3600;           // reading one upload body (routes with body_to_file)
  std::string upload_dir = "/tmp";       // where upload bodies are written while they arrive
  bool handle_signals = true;  // SIGTERM / SIGINT start a graceful shutdown
  // Both set: every connection is TLS (a plain HTTP request is answered 400 and closed).
  // PEM files: the certificate chain (server certificate first) and its unencrypted key.
  std::string tls_cert_file, tls_key_file;
};

// Splits "HOST:PORT" (IPv6 as "[::1]:8080").
Result<std::pair<std::string, unsigned short>> parse_listen(const std::string& listen);

class Server {
 public:
  Server(ServerOptions options, const Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Errors: unavailable when the address is taken; invalid_argument when
  // the TLS certificate or key cannot be loaded (the message names the file).
  Result<void> start();
  unsigned short port() const;
  bool tls() const;
  // Serves until shutdown; returns after requests in flight finished. Blocks the caller.
  void run();
  // Begins a graceful shutdown (thread-safe): stop accepting, finish requests in flight,
  // close idle connections.
  void stop();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace kf::http
