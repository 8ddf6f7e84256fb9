# frozen_string_literal: true

require "yaml"

module Warehouse
  # Settings from config/warehouse.yml merged over built-in defaults.
  class Config
    DEFAULTS = {
      pick: { batch_size: 20, max_weight_kg: 25 },
      printer: { host: "127.0.0.1", port: 9100 },
    }.freeze

    def self.load(path)
      new(YAML.safe_load(File.read(path)))
    end

    def initialize(data)
      @data = DEFAULTS.merge(data || {})
    end

    def batch_size
      @data[:pick][:batch_size]
    end

    def max_weight_kg
      @data[:pick][:max_weight_kg]
    end

    def printer_address
      "#{@data[:printer][:host]}:#{@data[:printer][:port]}"
    end
  end
end

module Warehouse
  class Config
    # Receiving has no default: every site must say how many docks it has.
    def dock_count
      @data[:receiving][:docks]
    end
  end
end
