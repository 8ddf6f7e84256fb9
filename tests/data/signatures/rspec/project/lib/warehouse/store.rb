# frozen_string_literal: true

require "json"

module Warehouse
  # Stock levels persisted as one JSON file per SKU under a directory.
  class Store
    attr_reader :dir

    def initialize(dir)
      @dir = dir
      Dir.mkdir(dir)
    end

    def set(sku, qty)
      File.write(File.join(dir, "#{sku}.json"), JSON.generate("sku" => sku, "qty" => qty))
    end

    def get(sku)
      JSON.parse(File.read(File.join(dir, "#{sku}.json")))["qty"]
    rescue Errno::ENOENT
      0
    end
  end
end
