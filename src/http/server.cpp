#include "http/server.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>
#include <cstdio>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "core/log.h"

namespace kf::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

Result<std::pair<std::string, unsigned short>> parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error::invalid("监听地址应为 HOST:PORT，例如 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  std::string_view p(listen.data() + colon + 1, listen.size() - colon - 1);
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
  if (ec != std::errc() || end != p.data() + p.size() || port > 65535) {
    return Error::invalid("监听端口应为 0–65535 的整数");
  }
  return std::pair{host, static_cast<unsigned short>(port)};
}

// What the server keeps of a connection, whatever its transport (see Session below).
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  virtual ~Connection() = default;
  virtual void start() = 0;
  // Called on shutdown: an idle connection is closed now, a busy one after its answer.
  virtual void drain() = 0;
  virtual void force_close() = 0;
};

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  ServerOptions opt;
  const Pipeline& pipeline;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc};
  asio::steady_timer grace_timer{ioc};
  std::optional<ssl::context> tls;  // set: every connection is TLS
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::atomic<bool> draining{false};
  std::mutex mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

  Impl(ServerOptions o, const Pipeline& p)
      : opt(std::move(o)), pipeline(p), ioc(opt.io_threads), workers(opt.worker_threads) {}

  Result<void> load_tls();
  void accept();
  void begin_shutdown();
  void finish_if_drained();
  void add(const std::shared_ptr<Connection>& c);
  void remove(Connection* c);
  // Strong references taken under the lock, released by the caller outside it (a
  // connection's destructor takes the lock too).
  std::vector<std::shared_ptr<Connection>> live_connections();
};

// One client connection: read a request, hand it to a worker, write the answer, repeat.
// `Stream` is beast::tcp_stream (plain HTTP) or TlsStream; a TLS session first checks that the
// client speaks TLS and completes the handshake. Timeouts and closing act on the TCP layer.
template <class Stream>
class Session final : public Connection {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  Session(tcp::socket socket, std::shared_ptr<Server::Impl> server)
      : stream_(make_stream(std::move(socket), *server)), server_(std::move(server)) {
    beast::error_code ec;
    auto ep = lowest().socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Session() override { server_->remove(this); }

  void start() override {
    asio::dispatch(stream_.get_executor(), [self = self()] {
      if constexpr (kTls) {
        self->handshake();
      } else {
        self->read();
      }
    });
  }

  void drain() override {
    asio::dispatch(stream_.get_executor(), [self = self()] {
      if (!self->busy_) self->lowest().cancel();
    });
  }

  void force_close() override {
    asio::dispatch(stream_.get_executor(), [self = self()] {
      beast::error_code ec;
      self->lowest().socket().close(ec);
    });
  }

 private:
  static Stream make_stream(tcp::socket socket, Server::Impl& server) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *server.tls);
    } else {
      return Stream(std::move(socket));
    }
  }

  std::shared_ptr<Session> self() { return std::static_pointer_cast<Session>(shared_from_this()); }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }  // the TCP layer

  // TLS only: a client that sends plain HTTP gets a plain 400 telling it to use HTTPS.
  void handshake() {
    lowest().expires_after(std::chrono::seconds(server_->opt.read_timeout_s));
    beast::async_detect_ssl(lowest(), buffer_, [self = self()](beast::error_code ec, bool is_tls) {
      if (ec) return self->close();
      if (!is_tls) {
        return self->reply_and_close(
            error_response(bh::status::bad_request, "invalid_argument", "此端口只接受 HTTPS 连接"), true);
      }
      // The bytes the detection read are the start of the handshake. (`used` has a default
      // because Boost 1.81 checks this handler against the signature without it.)
      self->stream_.async_handshake(ssl::stream_base::server, self->buffer_.data(),
                                    [self](beast::error_code e, std::size_t used = 0) {
                                      if (e) {
                                        spdlog::debug(
                                            "{{\"event\":\"tls_handshake_failed\",\"remote\":\"{}\","
                                            "\"detail\":\"{}\"}}",
                                            core::json_escape(self->remote_), core::json_escape(e.message()));
                                        return self->close();
                                      }
                                      self->buffer_.consume(used);
                                      self->handshaken_ = true;
                                      self->read();
                                    });
    });
  }

  void read() {
    if (server_->draining) return close(true);
    header_parser_.emplace();
    accept_language_.clear();
    header_parser_->header_limit(16 * 1024);
    // The limit depends on the route, known only after the header: set when the body is read.
    header_parser_->body_limit(boost::none);
    lowest().expires_after(std::chrono::seconds(server_->opt.read_timeout_s));
    bh::async_read_header(stream_, buffer_, *header_parser_,
                          [self = self()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  // Returns true when the error ended the connection (or answered it).
  bool handle_read_error(beast::error_code ec) {
    if (!ec) return false;
    if (ec == bh::error::end_of_stream || ec == asio::error::eof) {
      close(true);
    } else if (ec == asio::error::operation_aborted || ec == beast::error::timeout ||
               ec == asio::error::connection_reset || ec == ssl::error::stream_truncated ||
               ec.category() == asio::error::get_ssl_category()) {
      close();
    } else if (ec == bh::error::body_limit) {
      reply_and_close(error_response(bh::status::payload_too_large, "too_large", "请求体超过大小限制"));
    } else {
      reply_and_close(error_response(bh::status::bad_request, "invalid_argument", "无法解析的 HTTP 请求"));
    }
    return true;
  }

  // The header decides how the body is read: into memory with the default limit, or (for
  // upload routes) into a temporary file with the route's own limit.
  void on_header(beast::error_code ec) {
    if (handle_read_error(ec)) return;
    accept_language_ = std::string(std::string_view(header_parser_->get()[bh::field::accept_language]));
    const Route* route = server_->pipeline.find_route(header_parser_->get().method(),
                                                      header_parser_->get().target());
    auto done = [self = self()](beast::error_code e, std::size_t) { self->on_body(e); };
    std::uint64_t limit = route && route->body_limit ? route->body_limit : server_->opt.body_limit_bytes;
    // Beast checks a declared Content-Length against the limit only while parsing the header,
    // which ran without one (the route was not known yet): check it here. Chunked bodies are
    // checked by the parser as they arrive.
    if (auto declared = header_parser_->content_length(); declared && *declared > limit) {
      return reply_and_close(error_response(bh::status::payload_too_large, "too_large", "请求体超过大小限制"));
    }
    if (route && route->body_to_file) {
      file_parser_.emplace(std::move(*header_parser_));
      header_parser_.reset();
      file_parser_->body_limit(limit);
      body_file_ = server_->opt.upload_dir + "/kf-upload-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                   "-" + std::to_string(++uploads_);
      beast::error_code open_ec;
      file_parser_->get().body().open(body_file_.c_str(), beast::file_mode::write, open_ec);
      if (open_ec) {
        return reply_and_close(error_response(bh::status::service_unavailable, "unavailable", "无法保存上传的文件"));
      }
      lowest().expires_after(std::chrono::seconds(server_->opt.upload_timeout_s));
      bh::async_read(stream_, buffer_, *file_parser_, std::move(done));
    } else {
      parser_.emplace(std::move(*header_parser_));
      header_parser_.reset();
      parser_->body_limit(limit);
      bh::async_read(stream_, buffer_, *parser_, std::move(done));
    }
  }

  void on_body(beast::error_code ec) {
    if (ec && file_parser_) {
      file_parser_.reset();
      std::remove(body_file_.c_str());
    }
    if (handle_read_error(ec)) return;
    busy_ = true;
    auto req = std::make_shared<Request>();
    if (file_parser_) {
      auto full = file_parser_->release();
      full.body().close();
      req->raw.base() = full.base();
      req->body_file = body_file_;
      file_parser_.reset();
    } else {
      req->raw = parser_->release();
      parser_.reset();
    }
    req->remote_addr = remote_;
    asio::post(server_->workers, [self = self(), req] {
      Response res = self->server_->pipeline.handle(*req);
      // An upload the handler did not take over is removed here.
      if (!req->body_file.empty()) std::remove(req->body_file.c_str());
      bool keep = req->raw.keep_alive();
      auto source = res.result() == bh::status::ok ? req->stream : nullptr;
      asio::post(self->stream_.get_executor(), [self, res = std::move(res), keep, source]() mutable {
        if (source) return self->write_stream(std::move(res), std::move(source), keep);
        self->write(std::move(res), keep);
      });
    });
  }

  void write(Response res, bool keep_alive) {
    keep_alive = keep_alive && !server_->draining;
    res_ = std::make_shared<Response>(std::move(res));
    res_->keep_alive(keep_alive);
    res_->prepare_payload();
    lowest().expires_after(std::chrono::seconds(server_->opt.write_timeout_s));
    bh::async_write(stream_, *res_, [self = self(), keep_alive](beast::error_code ec, std::size_t) {
      self->busy_ = false;
      self->res_.reset();
      if (ec) return self->close();
      if (!keep_alive) return self->close(true);
      self->read();
    });
  }

  // A streamed answer: the header with chunked encoding, then one chunk at a time, each
  // produced on a worker thread only after the previous one was written.
  void write_stream(Response res, std::shared_ptr<ChunkSource> source, bool keep_alive) {
    keep_alive = keep_alive && !server_->draining;
    auto head = std::make_shared<bh::response<bh::empty_body>>(res.result(), 11);
    for (const auto& f : res) {
      if (f.name() != bh::field::content_length) head->set(f.name_string(), f.value());
    }
    head->chunked(true);
    head->keep_alive(keep_alive);
    auto sr = std::make_shared<bh::response_serializer<bh::empty_body>>(*head);
    lowest().expires_after(std::chrono::seconds(server_->opt.write_timeout_s));
    bh::async_write_header(stream_, *sr, [self = self(), head, sr, source, keep_alive](
                                             beast::error_code ec, std::size_t) {
      if (ec) return self->end_stream(false, false);
      self->next_chunk(source, keep_alive);
    });
  }

  void next_chunk(std::shared_ptr<ChunkSource> source, bool keep_alive) {
    asio::post(server_->workers, [self = self(), source, keep_alive] {
      auto chunk = std::make_shared<std::string>();
      Result<bool> more = source->next(*chunk);
      asio::post(self->stream_.get_executor(), [self, source, keep_alive, chunk, more] {
        if (!more) {
          spdlog::warn("{{\"event\":\"stream_failed\",\"detail\":\"{}\"}}", more.error().detail);
          return self->end_stream(false, false);
        }
        self->lowest().expires_after(std::chrono::seconds(self->server_->opt.write_timeout_s));
        if (!*more) {
          return asio::async_write(self->stream_, bh::make_chunk_last(),
                                   [self, keep_alive](beast::error_code ec, std::size_t) {
                                     self->end_stream(!ec && keep_alive, !ec);
                                   });
        }
        asio::async_write(self->stream_, bh::make_chunk(asio::buffer(*chunk)),
                          [self, source, keep_alive, chunk](beast::error_code ec, std::size_t) {
                            if (ec) return self->end_stream(false, false);
                            self->next_chunk(source, keep_alive);
                          });
      });
    });
  }

  // `complete`: the whole answer was written (a TLS connection then ends with close_notify).
  void end_stream(bool keep_alive, bool complete) {
    busy_ = false;
    if (!keep_alive) return close(complete);
    read();
  }

  // For requests refused before a handler ran (413, 400): answer, then read and discard what
  // the client is still sending, so that closing does not reset the connection before the
  // client has read the answer. `raw`: write on the TCP layer (plain HTTP sent to TLS).
  void reply_and_close(Response res, bool raw = false) {
    server_->pipeline.localize(res, accept_language_);
    res_ = std::make_shared<Response>(std::move(res));
    res_->keep_alive(false);
    res_->prepare_payload();
    lowest().expires_after(std::chrono::seconds(server_->opt.write_timeout_s));
    auto after = [self = self()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      beast::error_code ignored;
      self->lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->lowest().expires_after(std::chrono::seconds(2));
      self->discard(0);
    };
    if (raw) {
      bh::async_write(lowest(), *res_, std::move(after));
    } else {
      bh::async_write(stream_, *res_, std::move(after));
    }
  }

  // Reads the TCP layer directly: nothing read here is used.
  void discard(std::size_t total) {
    lowest().async_read_some(asio::buffer(scratch_), [self = self(), total](beast::error_code ec, std::size_t n) {
      if (ec || total + n > (64u << 20)) return self->close();
      self->discard(total + n);
    });
  }

  // `graceful`: the connection is in order; a TLS connection then sends close_notify first
  // (waiting at most two seconds for the client's), so that the client sees a clean end. Not
  // while the server shuts down: an idle client would hold the shutdown up.
  void close([[maybe_unused]] bool graceful = false) {
    if constexpr (kTls) {
      if (graceful && handshaken_ && !shutting_down_ && !server_->draining) {
        shutting_down_ = true;
        lowest().expires_after(std::chrono::seconds(2));
        return stream_.async_shutdown([self = self()](beast::error_code) { self->close_socket(); });
      }
    }
    close_socket();
  }

  void close_socket() {
    beast::error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().socket().close(ec);
  }

  Stream stream_;
  std::shared_ptr<Server::Impl> server_;
  beast::flat_buffer buffer_;
  std::optional<bh::request_parser<bh::empty_body>> header_parser_;
  std::string accept_language_;  // of the request being read, for answers made before a handler ran
  std::optional<bh::request_parser<bh::string_body>> parser_;
  std::optional<bh::request_parser<bh::file_body>> file_parser_;
  std::string body_file_;
  unsigned uploads_ = 0;
  std::shared_ptr<Response> res_;
  std::array<char, 8192> scratch_{};
  std::string remote_;
  bool busy_ = false;
  bool handshaken_ = false;
  bool shutting_down_ = false;
};

namespace {

bool readable(const std::string& path) { return ::access(path.c_str(), R_OK) == 0; }

Error tls_error(std::string message, const beast::error_code& ec) {
  Error e = Error::invalid(std::move(message));
  e.detail = ec.message();
  ERR_clear_error();
  return e;
}

}  // namespace

// The certificate and key are checked here, before the port is bound: a mistake stops the
// start with a message naming the file (never its contents).
Result<void> Server::Impl::load_tls() {
  const std::string& cert = opt.tls_cert_file;
  const std::string& key = opt.tls_key_file;
  if (cert.empty() && key.empty()) return ok();
  if (cert.empty() || key.empty()) return Error::invalid("启用 TLS 需要同时给出证书文件与私钥文件");
  if (!readable(cert)) return Error::invalid("TLS 证书文件不存在或无法读取: " + cert);
  if (!readable(key)) return Error::invalid("TLS 私钥文件不存在或无法读取: " + key);
  ssl::context ctx(ssl::context::tls_server);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::single_dh_use | ssl::context::no_compression);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  // An encrypted key must not make OpenSSL prompt for a passphrase on the terminal.
  ctx.set_password_callback([](std::size_t, ssl::context::password_purpose) { return std::string(); });
  beast::error_code ec;
  ctx.use_certificate_chain_file(cert, ec);
  if (ec) return tls_error("TLS 证书文件无法载入（应为 PEM 格式的证书链）: " + cert, ec);
  ctx.use_private_key_file(key, ssl::context::pem, ec);
  if (ec && ec.category() == asio::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH) {
    return tls_error("TLS 私钥与证书不匹配: " + key + " / " + cert, ec);
  }
  if (ec) return tls_error("TLS 私钥文件无法载入（应为未加密的 PEM 格式私钥）: " + key, ec);
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1) {
    ERR_clear_error();
    return Error::invalid("TLS 私钥与证书不匹配: " + key + " / " + cert);
  }
  tls.emplace(std::move(ctx));
  return ok();
}

void Server::Impl::add(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(mu);
  connections[c.get()] = c;
}

void Server::Impl::remove(Connection* c) {
  {
    std::lock_guard lock(mu);
    connections.erase(c);
  }
  finish_if_drained();
}

std::vector<std::shared_ptr<Connection>> Server::Impl::live_connections() {
  std::vector<std::shared_ptr<Connection>> live;
  std::lock_guard lock(mu);
  for (auto& [ptr, weak] : connections) {
    if (auto c = weak.lock()) live.push_back(std::move(c));
  }
  return live;
}

void Server::Impl::finish_if_drained() {
  if (!draining) return;
  std::lock_guard lock(mu);
  if (connections.empty()) {
    asio::post(ioc, [self = shared_from_this()] {
      self->grace_timer.cancel();
      self->guard.reset();
    });
  }
}

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [self = shared_from_this()](
                                                    beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
      spdlog::warn("accept failed: {}", ec.message());
    } else if (!self->draining) {
      std::shared_ptr<Connection> c;
      if (self->tls) {
        c = std::make_shared<Session<TlsStream>>(std::move(socket), self);
      } else {
        c = std::make_shared<Session<beast::tcp_stream>>(std::move(socket), self);
      }
      self->add(c);
      c->start();
    }
    if (!self->draining) self->accept();
  });
}

void Server::Impl::begin_shutdown() {
  if (draining.exchange(true)) return;
  spdlog::info("shutting down: finishing requests in flight");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  for (auto& c : live_connections()) c->drain();
  grace_timer.expires_after(std::chrono::seconds(opt.shutdown_grace_s));
  grace_timer.async_wait([self = shared_from_this()](beast::error_code e) {
    if (e) return;
    spdlog::warn("shutdown grace period over: closing remaining connections");
    for (auto& c : self->live_connections()) c->force_close();
    self->guard.reset();
  });
  finish_if_drained();
}

Server::Server(ServerOptions options, const Pipeline& pipeline)
    : impl_(std::make_shared<Impl>(std::move(options), pipeline)) {}

Server::~Server() {
  impl_->ioc.stop();
  impl_->workers.join();
}

Result<void> Server::start() {
  auto& s = *impl_;
  if (auto r = s.load_tls(); !r) return r;
  beast::error_code ec;
  auto addr = asio::ip::make_address(s.opt.host, ec);
  if (ec) return Error::invalid("监听地址不是有效的 IP 地址: " + s.opt.host);
  tcp::endpoint ep(addr, s.opt.port);
  s.acceptor.open(ep.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(ep, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error::unavailable("无法监听 " + s.opt.host + ":" + std::to_string(s.opt.port), ec.message());
  s.guard.emplace(s.ioc.get_executor());
  if (s.opt.handle_signals) {
    s.signals.add(SIGTERM);
    s.signals.add(SIGINT);
    s.signals.async_wait([self = impl_](beast::error_code e, int) {
      if (!e) self->begin_shutdown();
    });
  }
  s.accept();
  return ok();
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

bool Server::tls() const { return impl_->tls.has_value(); }

void Server::run() {
  auto& s = *impl_;
  std::vector<std::thread> threads;
  for (int i = 1; i < s.opt.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.workers.join();
  spdlog::info("server stopped");
}

void Server::stop() {
  asio::post(impl_->ioc, [self = impl_] { self->begin_shutdown(); });
}

}  // namespace kf::http
