#include <gtest/gtest.h>

#include "closeloop/core/enums.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop {
namespace {

TEST(Enums, HarmWordsRoundTrip) {
  for (Harm harm : {Harm::none, Harm::low, Harm::moderate, Harm::severe, Harm::fatal}) {
    EXPECT_EQ(parse_harm(to_string(harm)), harm);
  }
  EXPECT_EQ(to_string(Harm::moderate), "moderate");
  for (auto harm : {PsychologicalHarm::none, PsychologicalHarm::low, PsychologicalHarm::moderate,
                    PsychologicalHarm::severe}) {
    EXPECT_EQ(parse_psychological_harm(to_string(harm)), harm);
  }
  EXPECT_THROW((void)parse_psychological_harm("fatal"), InputError);
}

TEST(Enums, ActionStatesRoundTrip) {
  for (auto state :
       {ActionState::proposed, ActionState::agreed, ActionState::in_progress,
        ActionState::implemented, ActionState::verified, ActionState::evaluated,
        ActionState::closed, ActionState::reopened, ActionState::cancelled}) {
    EXPECT_EQ(parse_action_state(to_string(state)), state);
  }
  EXPECT_EQ(to_string(ActionState::in_progress), "in_progress");
  EXPECT_TRUE(is_open(ActionState::reopened));
  EXPECT_FALSE(is_open(ActionState::closed));
  EXPECT_FALSE(is_open(ActionState::cancelled));
}

TEST(Enums, UnknownWordListsTheAllowedOnes) {
  try {
    (void)parse_harm("catastrophic");
    FAIL() << "accepted an unknown harm";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown harm level \"catastrophic\": expected one of none, low, moderate, "
                 "severe, fatal");
    EXPECT_EQ(error.code(), ErrorCode::input);
  }
}

TEST(Categories, BuiltinAndProviderRegistered) {
  CategorySet categories;
  EXPECT_EQ(builtin_categories().size(), 9U);
  EXPECT_TRUE(categories.contains("medication_error"));
  EXPECT_FALSE(categories.contains("dehydration"));
  EXPECT_THROW(categories.require("dehydration"), InputError);
  categories.add("dehydration");
  EXPECT_TRUE(categories.contains("dehydration"));
  categories.add("dehydration");
  EXPECT_EQ(categories.all().size(), 10U);
  EXPECT_THROW(categories.add("Bad Name"), InputError);
}

}  // namespace
}  // namespace closeloop
