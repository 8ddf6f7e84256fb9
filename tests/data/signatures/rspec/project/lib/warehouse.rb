# frozen_string_literal: true

# Warehouse: bins, pick lists, label printing and stock sync of the demo shop.
module Warehouse
  VERSION = "0.7.1"
end

require_relative "warehouse/bin"
require_relative "warehouse/config"
require_relative "warehouse/pick_list"
require_relative "warehouse/label_printer"
require_relative "warehouse/poller"
require_relative "warehouse/store"
require_relative "warehouse/sync"
