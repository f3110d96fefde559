#include <gtest/gtest.h>

#include "closeloop/core/error.hpp"

namespace closeloop {
namespace {

TEST(Errors, StableCodesAndTheirWords) {
  EXPECT_EQ(static_cast<int>(ErrorCode::input), 1);
  EXPECT_EQ(static_cast<int>(ErrorCode::parse), 2);
  EXPECT_EQ(static_cast<int>(ErrorCode::not_found), 3);
  EXPECT_EQ(static_cast<int>(ErrorCode::duplicate), 4);
  EXPECT_EQ(static_cast<int>(ErrorCode::transition), 5);
  EXPECT_EQ(static_cast<int>(ErrorCode::rule), 6);
  EXPECT_EQ(static_cast<int>(ErrorCode::store), 7);
  EXPECT_EQ(static_cast<int>(ErrorCode::schema), 8);
  EXPECT_EQ(to_string(ErrorCode::not_found), "not_found");
}

TEST(Errors, ParseErrorSaysFileLineColumn) {
  const ParseError error("incidents.csv", 12, 4, "bad date");
  EXPECT_STREQ(error.what(), "incidents.csv:12:4: bad date");
  EXPECT_EQ(error.line(), 12U);
  EXPECT_EQ(error.column(), 4U);
  EXPECT_EQ(error.code(), ErrorCode::parse);
  const InputError& as_input = error;
  EXPECT_EQ(as_input.code(), ErrorCode::parse);
}

TEST(Errors, HierarchyLetsCallersCatchBroadly) {
  EXPECT_THROW(throw TransitionError("verify.requires_passing_check", "no check"), RuleError);
  EXPECT_THROW(throw SchemaError("newer"), StoreError);
  EXPECT_THROW(throw DuplicateError("dup"), InputError);
  EXPECT_THROW(throw NotFoundError("none"), Error);
  const TransitionError refused("agree.requires_owner", "action A1 has no owner");
  EXPECT_EQ(refused.rule(), "agree.requires_owner");
  EXPECT_EQ(refused.code(), ErrorCode::transition);
}

}  // namespace
}  // namespace closeloop
