-- Issue 13: the money of an ended checkout, computed once by CheckoutRules and stored with it, so the order
-- confirmation and the export show the same numbers. Null in rows stored before this migration.
-- granted_pct: what the field added to the discount (its offer when given, under the cap), percent.
alter table disclosure add column granted_pct numeric;
-- discount_pct: the discount granted, percent (the sum of granted_pct); amount_to_pay: the order's total in the
-- shop's currency, null when the participant left the shop.
alter table participant add column discount_pct numeric, add column amount_to_pay numeric;
