// Must compile: the control case for StorageIncludesBridge.cpp, same target shape.
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

int main() { return jji::config::Settings().port == 8000 ? 0 : 1; }
