#include "db/postgres/placeholders.h"

#include <gtest/gtest.h>

namespace kf::db {
namespace {

std::string rewrite(std::string_view sql, int expected_params) {
  RewrittenSql r = rewrite_placeholders(sql);
  EXPECT_EQ(r.params, expected_params) << sql;
  return r.sql;
}

TEST(Placeholders, NumbersInOrder) {
  EXPECT_EQ(rewrite("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", 3),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(rewrite("", 0), "");
  EXPECT_EQ(rewrite("?", 1), "$1");
}

TEST(Placeholders, SkipsStringsAndIdentifiers) {
  EXPECT_EQ(rewrite("SELECT '?', ?", 1), "SELECT '?', $1");
  EXPECT_EQ(rewrite("SELECT 'it''s ?', ?", 1), "SELECT 'it''s ?', $1");
  EXPECT_EQ(rewrite("SELECT \"odd?\"\"name\" FROM t WHERE x = ?", 1),
            "SELECT \"odd?\"\"name\" FROM t WHERE x = $1");
  EXPECT_EQ(rewrite("SELECT '中文?', ?", 1), "SELECT '中文?', $1");
  // In a standard string a backslash is an ordinary character…
  EXPECT_EQ(rewrite(R"(SELECT 'a\', ?)", 1), R"(SELECT 'a\', $1)");
  // …in an E'' string it escapes the quote.
  EXPECT_EQ(rewrite(R"(SELECT E'a\' ?', ?)", 1), R"(SELECT E'a\' ?', $1)");
  EXPECT_EQ(rewrite(R"(SELECT e'\\', ?)", 1), R"(SELECT e'\\', $1)");
}

TEST(Placeholders, SkipsComments) {
  EXPECT_EQ(rewrite("SELECT ? -- why?\n, ?", 2), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(rewrite("SELECT 1 -- no newline ?", 0), "SELECT 1 -- no newline ?");
  EXPECT_EQ(rewrite("SELECT /* ? /* nested ? */ still ? */ ?", 1),
            "SELECT /* ? /* nested ? */ still ? */ $1");
  EXPECT_EQ(rewrite("SELECT 5 - ?", 1), "SELECT 5 - $1");  // a lone minus is no comment
}

TEST(Placeholders, SkipsDollarQuotes) {
  EXPECT_EQ(rewrite("SELECT $$ ? $$, ?", 1), "SELECT $$ ? $$, $1");
  EXPECT_EQ(rewrite("SELECT $fn$ ? $x$ ? $fn$, ?", 1), "SELECT $fn$ ? $x$ ? $fn$, $1");
  // `$1` opens no quote, so the `?` after it is still found (mixing both styles is a bug
  // of the caller, which the server reports as a parameter count mismatch).
  EXPECT_EQ(rewrite("SELECT $1, ?", 1), "SELECT $1, $1");
  EXPECT_EQ(rewrite("SELECT a$b, ?", 1), "SELECT a$b, $1");  // identifier with $
}

TEST(Placeholders, UnterminatedQuoteSwallowsTheRest) {
  // The server will reject the statement; the point is not to invent parameters.
  EXPECT_EQ(rewrite("SELECT '?", 0), "SELECT '?");
  EXPECT_EQ(rewrite("SELECT /* ?", 0), "SELECT /* ?");
}

}  // namespace
}  // namespace kf::db
