// Pool and PooledConnection.
#include <condition_variable>
#include <deque>
#include <mutex>

#include "db/database.h"

namespace kf::db {
namespace {

// A connection unused for longer than this is pinged before it is handed out: the server
// may have closed it meanwhile (restart, idle timeout), and the caller should not be the
// one to find out.
constexpr auto kPingAfterIdle = std::chrono::seconds(30);

}  // namespace

struct Pool::State {
  struct Idle {
    std::unique_ptr<Connection> conn;
    std::chrono::steady_clock::time_point since;
  };
  std::mutex mutex;
  std::condition_variable freed;  // a connection came back or a slot opened
  std::deque<Idle> idle;          // most recently used at the back
  std::size_t open = 0;           // idle + borrowed + being opened
  std::optional<Error> url_error;
};

Pool::Pool(std::string url, std::size_t max_size)
    : url_(std::move(url)),
      max_size_(max_size == 0 ? 1 : max_size),
      state_(std::make_unique<State>()) {
  // A bad URL cannot fail the constructor; acquire() reports it.
  if (auto d = dialect_of(url_)) {
    dialect_ = *d;
  } else {
    state_->url_error = d.error();
  }
}

Pool::~Pool() = default;

Result<PooledConnection> Pool::acquire(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::unique_lock lock(state_->mutex);
  if (state_->url_error) return *state_->url_error;
  for (;;) {
    if (!state_->idle.empty()) {
      State::Idle entry = std::move(state_->idle.back());
      state_->idle.pop_back();
      if (std::chrono::steady_clock::now() - entry.since < kPingAfterIdle) {
        return PooledConnection(this, std::move(entry.conn));
      }
      lock.unlock();  // ping is a round trip: do not hold up other threads
      const bool alive = entry.conn->ping();
      if (alive) return PooledConnection(this, std::move(entry.conn));
      entry.conn.reset();
      lock.lock();
      --state_->open;
      continue;  // try the next idle one, or open a new one in this slot
    }
    if (state_->open < max_size_) {
      ++state_->open;  // reserve the slot before the slow connect
      lock.unlock();
      Result<std::unique_ptr<Connection>> conn = connect(url_);
      if (conn) return PooledConnection(this, std::move(conn).value());
      lock.lock();
      --state_->open;
      state_->freed.notify_one();  // the slot is free again for a waiter
      return std::move(conn).error();
    }
    if (state_->freed.wait_until(lock, deadline) == std::cv_status::timeout &&
        state_->idle.empty() && state_->open >= max_size_) {
      return Error::unavailable("数据库繁忙，请稍后重试",
                                "connection pool exhausted (" + std::to_string(max_size_) + ")");
    }
  }
}

void Pool::release(std::unique_ptr<Connection> conn) {
  if (!conn) return;
  // A connection with an open transaction (the borrower forgot to commit or roll back) or
  // a broken one must not reach the next borrower. Closing it rolls back on the server.
  if (!conn->idle()) {
    conn.reset();  // outside the lock: closing may talk to the server
    std::lock_guard lock(state_->mutex);
    --state_->open;
  } else {
    std::lock_guard lock(state_->mutex);
    state_->idle.push_back({std::move(conn), std::chrono::steady_clock::now()});
  }
  state_->freed.notify_one();
}

PooledConnection::PooledConnection(Pool* pool, std::unique_ptr<Connection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)) {}

PooledConnection::~PooledConnection() {
  if (pool_ != nullptr) {
    pool_->release(std::move(conn_));
  }
}

}  // namespace kf::db
