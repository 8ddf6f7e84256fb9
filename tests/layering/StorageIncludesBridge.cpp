// Must NOT compile: storage may not see bridge headers (dependencies point downwards).
#include "jji/bridge/Router.h"
#include "jji/storage/Database.h"

int main() { return 0; }
