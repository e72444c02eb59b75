// Grammar (lowest precedence first):
//   expr      := and_expr (OR and_expr)*
//   and_expr  := not_expr (AND not_expr)*
//   not_expr  := NOT not_expr | predicate
//   predicate := sum [ cmp sum | [NOT] IN ( expr, … ) | [NOT] BETWEEN sum AND sum
//                    | [NOT] LIKE sum | IS [NOT] NULL ]
//   sum       := product ((+|-) product)*
//   product   := unary ((*|/) unary)*
//   unary     := - unary | primary
//   primary   := number | string | TRUE | FALSE | name | name ( args ) | ( expr )
#include "query/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "query/lexer.h"

namespace kf::query {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool is_reserved(const std::string& lower) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "and",  "or", "not", "in",   "between", "like",  "is",
      "null", "as", "asc", "desc", "true",    "false", "distinct"};
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), t_(std::move(tokens)) {}

  Result<NodePtr> condition() {
    KF_ASSIGN(NodePtr e, expr());
    KF_TRY(expect_end());
    return e;
  }

  Result<std::vector<SelectItem>> select_list() {
    std::vector<SelectItem> items;
    do {
      if (items.size() >= kMaxSelectItems) {
        return query_error(fmt::format("$select 最多 {} 项", kMaxSelectItems), peek().pos);
      }
      const std::size_t from = peek().byte;
      SelectItem item;
      KF_ASSIGN(item.expr, expr());
      item.source = trim(text_.substr(from, peek().byte - from));
      if (keyword("as")) {
        const Token& name = peek();
        if (name.kind == TokenKind::quoted_identifier ||
            (name.kind == TokenKind::identifier && !is_reserved(lower_ascii(name.text)))) {
          item.alias = name.text;
          ++i_;
        } else {
          return query_error("AS 后面应是别名", name.pos);
        }
      }
      items.push_back(std::move(item));
    } while (symbol(","));
    KF_TRY(expect_end());
    return items;
  }

  Result<std::vector<OrderItem>> order_list() {
    std::vector<OrderItem> items;
    do {
      OrderItem item;
      KF_ASSIGN(item.expr, expr());
      if (keyword("desc")) {
        item.descending = true;
      } else {
        (void)keyword("asc");
      }
      items.push_back(std::move(item));
    } while (symbol(","));
    KF_TRY(expect_end());
    return items;
  }

  Result<std::vector<NodePtr>> group_list() {
    std::vector<NodePtr> items;
    do {
      KF_ASSIGN(NodePtr e, expr());
      items.push_back(std::move(e));
    } while (symbol(","));
    KF_TRY(expect_end());
    return items;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }

  bool is_keyword(const Token& t, std::string_view word) const {
    return t.kind == TokenKind::identifier && lower_ascii(t.text) == word;
  }
  bool keyword(std::string_view word) {
    if (!is_keyword(peek(), word)) return false;
    ++i_;
    return true;
  }
  bool symbol(std::string_view s) {
    if (peek().kind != TokenKind::symbol || peek().text != s) return false;
    ++i_;
    return true;
  }

  static std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
  }

  Result<void> expect_end() {
    if (peek().kind == TokenKind::end) return ok();
    return query_error(fmt::format("此处不应出现“{}”", peek().text), peek().pos);
  }

  Result<void> expect_symbol(std::string_view s) {
    if (symbol(s)) return ok();
    const Token& t = peek();
    if (t.kind == TokenKind::end) return query_error(fmt::format("查询不完整，缺少“{}”", s), t.pos);
    return query_error(fmt::format("此处应为“{}”，而不是“{}”", s, t.text), t.pos);
  }

  // Builds a node and enforces the depth limit on the tree, which also bounds the
  // recursion of the analyzer and the SQL generator (long + chains grow the tree too).
  Result<NodePtr> make(NodeKind kind, int pos, std::string text, std::vector<NodePtr> args) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    n->pos = pos;
    n->text = std::move(text);
    for (const auto& a : args) n->height = std::max(n->height, a->height + 1);
    n->args = std::move(args);
    if (n->height > kMaxDepth) {
      return query_error(fmt::format("表达式嵌套过深（最多 {} 层）", kMaxDepth), pos);
    }
    return n;
  }

  // Guards every recursive descent so that deep nesting fails before the stack grows.
  struct DepthGuard {
    explicit DepthGuard(int& d) : d_(d) { ++d_; }
    ~DepthGuard() { --d_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    int& d_;
  };
  Result<void> check_depth() const {
    if (depth_ > kMaxDepth) {
      return query_error(fmt::format("表达式嵌套过深（最多 {} 层）", kMaxDepth), peek().pos);
    }
    return ok();
  }

  Result<NodePtr> expr() {
    DepthGuard guard(depth_);
    KF_TRY(check_depth());
    return logical(true);
  }

  // OR (is_or) or AND chains, flattened into one n-ary node.
  Result<NodePtr> logical(bool is_or) {
    const int pos = peek().pos;
    std::vector<NodePtr> parts;
    while (true) {
      auto part = is_or ? logical(false) : not_expr();
      if (!part) return std::move(part).error();
      parts.push_back(std::move(part).value());
      if (!keyword(is_or ? "or" : "and")) break;
    }
    if (parts.size() == 1) return std::move(parts.front());
    return make(is_or ? NodeKind::logical_or : NodeKind::logical_and, pos, "", std::move(parts));
  }

  Result<NodePtr> not_expr() {
    if (!is_keyword(peek(), "not")) return predicate();
    const int pos = peek().pos;
    ++i_;
    DepthGuard guard(depth_);
    KF_TRY(check_depth());
    KF_ASSIGN(NodePtr inner, not_expr());
    std::vector<NodePtr> args;
    args.push_back(std::move(inner));
    return make(NodeKind::logical_not, pos, "", std::move(args));
  }

  Result<NodePtr> predicate() {
    KF_ASSIGN(NodePtr left, sum());
    const Token& t = peek();
    static constexpr std::array<std::string_view, 7> kCompare = {"=",  "!=", "<>", "<",
                                                                 "<=", ">",  ">="};
    if (t.kind == TokenKind::symbol &&
        std::find(kCompare.begin(), kCompare.end(), t.text) != kCompare.end()) {
      const int pos = t.pos;
      std::string op = t.text == "<>" ? "!=" : t.text;
      ++i_;
      KF_ASSIGN(NodePtr right, sum());
      std::vector<NodePtr> args;
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      return make(NodeKind::compare, pos, std::move(op), std::move(args));
    }
    if (keyword("is")) {
      const int pos = t.pos;
      const bool negated = keyword("not");
      if (!keyword("null")) return query_error("IS 后面应为 NULL 或 NOT NULL", peek().pos);
      std::vector<NodePtr> args;
      args.push_back(std::move(left));
      KF_ASSIGN(NodePtr n, make(NodeKind::is_null, pos, "", std::move(args)));
      n->negated = negated;
      return n;
    }
    const int pos = peek().pos;
    bool negated = false;
    if (is_keyword(peek(), "not") && (is_keyword(peek(1), "in") || is_keyword(peek(1), "between") ||
                                      is_keyword(peek(1), "like"))) {
      negated = true;
      ++i_;
    }
    std::vector<NodePtr> args;
    args.push_back(std::move(left));
    NodeKind kind;
    if (keyword("in")) {
      kind = NodeKind::in_list;
      KF_TRY(expect_symbol("("));
      do {
        KF_ASSIGN(NodePtr item, sum());
        args.push_back(std::move(item));
      } while (symbol(","));
      KF_TRY(expect_symbol(")"));
    } else if (keyword("between")) {
      kind = NodeKind::between;
      KF_ASSIGN(NodePtr low, sum());
      if (!keyword("and")) return query_error("BETWEEN 后面应为 … AND …", peek().pos);
      KF_ASSIGN(NodePtr high, sum());
      args.push_back(std::move(low));
      args.push_back(std::move(high));
    } else if (keyword("like")) {
      kind = NodeKind::like;
      KF_ASSIGN(NodePtr pattern, sum());
      args.push_back(std::move(pattern));
    } else {
      return std::move(args.front());
    }
    KF_ASSIGN(NodePtr n, make(kind, pos, "", std::move(args)));
    n->negated = negated;
    return n;
  }

  Result<NodePtr> binary_chain(bool additive) {
    auto first = additive ? binary_chain(false) : unary();
    if (!first) return std::move(first).error();
    NodePtr left = std::move(first).value();
    while (peek().kind == TokenKind::symbol &&
           (additive ? (peek().text == "+" || peek().text == "-")
                     : (peek().text == "*" || peek().text == "/"))) {
      const Token op = peek();
      ++i_;
      auto next = additive ? binary_chain(false) : unary();
      if (!next) return std::move(next).error();
      std::vector<NodePtr> args;
      args.push_back(std::move(left));
      args.push_back(std::move(next).value());
      KF_ASSIGN(left, make(NodeKind::arithmetic, op.pos, op.text, std::move(args)));
    }
    return left;
  }
  Result<NodePtr> sum() { return binary_chain(true); }

  Result<NodePtr> unary() {
    if (peek().kind == TokenKind::symbol && peek().text == "-") {
      const int pos = peek().pos;
      ++i_;
      DepthGuard guard(depth_);
      KF_TRY(check_depth());
      KF_ASSIGN(NodePtr inner, unary());
      std::vector<NodePtr> args;
      args.push_back(std::move(inner));
      return make(NodeKind::negate, pos, "-", std::move(args));
    }
    return primary();
  }

  Result<NodePtr> primary() {
    const Token t = peek();
    switch (t.kind) {
      case TokenKind::number:
        ++i_;
        return make(t.text.find('.') == std::string::npos ? NodeKind::integer_literal
                                                          : NodeKind::decimal_literal,
                    t.pos, t.text, {});
      case TokenKind::string:
        ++i_;
        return make(NodeKind::string_literal, t.pos, t.text, {});
      case TokenKind::quoted_identifier:
        ++i_;
        return make(NodeKind::column, t.pos, t.text, {});
      case TokenKind::identifier:
        return name_or_call();
      case TokenKind::symbol:
        if (t.text == "(") {
          ++i_;
          KF_ASSIGN(NodePtr inner, expr());
          KF_TRY(expect_symbol(")"));
          return inner;
        }
        return query_error(fmt::format("此处不应出现“{}”", t.text), t.pos);
      case TokenKind::end:
        return query_error("查询不完整，缺少表达式", t.pos);
    }
    return query_error("无法解析的表达式", t.pos);
  }

  Result<NodePtr> name_or_call() {
    const Token t = peek();
    const std::string lower = lower_ascii(t.text);
    ++i_;
    if (lower == "true" || lower == "false") return make(NodeKind::bool_literal, t.pos, lower, {});
    if (lower == "null") return query_error("NULL 只能用在 IS NULL / IS NOT NULL 中", t.pos);
    if (!(peek().kind == TokenKind::symbol && peek().text == "(")) {
      if (is_reserved(lower))
        return query_error(fmt::format("此处不应出现关键字“{}”", t.text), t.pos);
      return make(NodeKind::column, t.pos, t.text, {});
    }
    ++i_;  // (
    DepthGuard guard(depth_);
    KF_TRY(check_depth());
    std::vector<NodePtr> args;
    bool distinct = false;
    if (peek().kind == TokenKind::symbol && peek().text == "*") {
      args.push_back(std::make_unique<Node>(Node{NodeKind::star, peek().pos}));
      ++i_;
    } else if (!(peek().kind == TokenKind::symbol && peek().text == ")")) {
      distinct = keyword("distinct");
      do {
        KF_ASSIGN(NodePtr a, expr());
        args.push_back(std::move(a));
      } while (symbol(","));
    }
    KF_TRY(expect_symbol(")"));
    KF_ASSIGN(NodePtr n, make(NodeKind::call, t.pos, lower, std::move(args)));
    n->distinct = distinct;
    return n;
  }

  std::string_view text_;
  std::vector<Token> t_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

template <typename T, typename Fn>
Result<T> run(std::string_view text, Fn fn) {
  KF_ASSIGN(std::vector<Token> tokens, tokenize(text));
  Parser p(text, std::move(tokens));
  return fn(p);
}

}  // namespace

Result<NodePtr> parse_condition(std::string_view text) {
  return run<NodePtr>(text, [](Parser& p) { return p.condition(); });
}
Result<std::vector<SelectItem>> parse_select(std::string_view text) {
  return run<std::vector<SelectItem>>(text, [](Parser& p) { return p.select_list(); });
}
Result<std::vector<OrderItem>> parse_order(std::string_view text) {
  return run<std::vector<OrderItem>>(text, [](Parser& p) { return p.order_list(); });
}
Result<std::vector<NodePtr>> parse_group(std::string_view text) {
  return run<std::vector<NodePtr>>(text, [](Parser& p) { return p.group_list(); });
}

}  // namespace kf::query
