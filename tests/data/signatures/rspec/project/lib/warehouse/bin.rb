# frozen_string_literal: true

module Warehouse
  # A storage bin, addressed as "<aisle letter>-<number>" (e.g. "B-12").
  class Bin
    attr_reader :code, :capacity, :items

    def initialize(code, capacity: 100)
      raise ArgumentError, "bad bin code #{code.inspect}" unless code.match?(/\A[A-Z]-\d{2}\z/)

      @code = code
      @capacity = capacity
      @items = {}
    end

    def aisle
      code[0]
    end

    def put(sku, qty)
      raise ArgumentError, "bin #{code} full" if load + qty > capacity

      items[sku] = items.fetch(sku, 0) + qty
    end

    def load
      items.values.sum
    end

    # Text printed on the shelf label, e.g. "B-12 (40/100)".
    def label
      text = code
      text << " (#{load}/#{capacity})"
      text
    end
  end
end
