#include "check.h"

int main(int argc, char** argv) {
  const char* g = argc > 1 ? argv[1] : nullptr;
  if (!g) return check::unknown_group(argv[0], g);
  const auto sheet = check::make_sheet(g, "3,-7\n5,11\n10,-2\n");
  const std::string G = g;
  if (G == "sum_avg") return check::run(g, {{"SUM(A1:A3)", 18}, {"AVG(A1:A3)", 6}, {"SUM(1,2,A2)", 8}}, sheet);
  if (G == "min_max_round") return check::run(g, {{"MIN(A1:B3)", -7}, {"MAX(A1:B3)", 11}, {"ROUND(2.345,2)", 2.35}}, sheet);
  if (G == "alias_average") return check::run(g, {{"SUM(A1:A3)", 18}, {"AVERAGE(A1:A3)", 6}}, sheet);
  if (G == "alias_mean") return check::run(g, {{"MEAN(4,8)", 6}, {"ROUND(MEAN(A1:B1),1)", -2}}, sheet);
  if (G == "alias_total") return check::run(g, {{"TOTAL(B1:B3)", 2}}, sheet);
  if (G == "mod_basic") return check::run(g, {{"MOD(10,3)", 1}, {"MOD(-7,3)", 2}, {"MOD(-1,5)", 4}}, sheet);
  if (G == "mod_divisor_sign") return check::run(g, {{"MOD(7,-3)", -2}, {"MOD(-7,-3)", -1}, {"MOD(8,-5)", -2}}, sheet);
  if (G == "mod_cells") return check::run(g, {{"MOD(B1,A1)", 2}, {"MOD(B3,A1)+1", 2}, {"MOD(A3,B2)", 10}}, sheet);
  return check::unknown_group(argv[0], g);
}
