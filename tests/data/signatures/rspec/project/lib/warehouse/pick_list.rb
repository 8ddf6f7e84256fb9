# frozen_string_literal: true

module Warehouse
  Location = Struct.new(:aisle, :shelf)
  Item = Struct.new(:sku, :qty, :location)

  # Orders items so that a picker walks each aisle once.
  class PickList
    def initialize(items)
      @items = items
    end

    def route
      @items.sort_by { |i| [i.location.aisle, i.location.shelf] }
    end

    def aisles
      route.map { |i| i.location.aisle }.uniq
    end

    def total_qty
      @items.sum(&:qty)
    end
  end
end
