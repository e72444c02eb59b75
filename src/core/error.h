// The one error type of Kaifang and Result<T>, the value every fallible function returns.
// Expected failures (bad input, missing rows, refused permission) are values, never exceptions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kf {

enum class ErrorCode {
  invalid_argument,   // 400: the caller sent something malformed or out of range
  unauthenticated,    // 401: no or expired session / key
  permission_denied,  // 403: authenticated but not allowed
  not_found,          // 404
  conflict,           // 409: duplicate, or state does not allow the action
  too_large,          // 413
  rate_limited,       // 429
  unavailable,        // 503: database down, shutting down
  internal,           // 500: a bug or an unexpected environment failure
};

std::string_view to_string(ErrorCode code);

// `message` is safe to show to the client (no personal data, no SQL); `detail` is for the log
// only and may hold driver messages. `field` names the offending input field when there is one.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string detail;
  std::string field;
  std::string slug;  // optional finer code for clients, e.g. "account_locked"
  std::string action;  // optional: what the user can do about it (access refusals: login, verify,
                       // accept_licence, apply, contact_provider …), sent as error.action

  static Error invalid(std::string msg, std::string field = {}) {
    return {ErrorCode::invalid_argument, std::move(msg), {}, std::move(field)};
  }
  static Error not_found(std::string msg) { return {ErrorCode::not_found, std::move(msg), {}, {}}; }
  static Error conflict(std::string msg) { return {ErrorCode::conflict, std::move(msg), {}, {}}; }
  static Error denied(std::string msg) {
    return {ErrorCode::permission_denied, std::move(msg), {}, {}};
  }
  static Error unauthenticated(std::string msg) {
    return {ErrorCode::unauthenticated, std::move(msg), {}, {}};
  }
  static Error internal(std::string detail_for_log) {
    return {ErrorCode::internal, "服务器内部错误", std::move(detail_for_log), {}};
  }
  static Error unavailable(std::string msg, std::string detail_for_log = {}) {
    return {ErrorCode::unavailable, std::move(msg), std::move(detail_for_log), {}};
  }
};

// Result<T> holds either a T or an Error. Result<void> holds nothing or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT implicit

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT implicit

  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *e_; }
  Error&& error() && { return std::move(*e_); }

 private:
  std::optional<Error> e_;
};

inline Result<void> ok() { return {}; }

}  // namespace kf

// Propagates the error of a Result expression, or evaluates to nothing.
#define KF_TRY(expr) KF_TRY_IMPL(KF_CONCAT(kf_try_, __COUNTER__), expr)
#define KF_TRY_IMPL(tmp, expr)                             \
  do {                                                     \
    auto tmp = (expr);                                     \
    if (!tmp) return std::move(tmp).error();               \
  } while (0)

// Binds the value of a Result expression to `decl`, or returns its error.
#define KF_CONCAT_INNER(a, b) a##b
#define KF_CONCAT(a, b) KF_CONCAT_INNER(a, b)
#define KF_ASSIGN(decl, expr) KF_ASSIGN_IMPL(KF_CONCAT(kf_res_, __COUNTER__), decl, expr)
#define KF_ASSIGN_IMPL(tmp, decl, expr)           \
  auto tmp = (expr);                              \
  if (!tmp) return std::move(tmp).error();        \
  decl = std::move(tmp).value()
