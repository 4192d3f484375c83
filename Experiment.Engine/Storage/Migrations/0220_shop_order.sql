-- The storefront's order (issue 17): the cart the participant chose (product keys and quantities), and once
-- paid the class of the payment choice (never a bank, card or account), a random order number and the promised
-- delivery date. One row per participant, deleted with them (erasure, purge).
create table shop_order (
    participant_id text primary key references participant (id) on delete cascade,
    cart           jsonb not null,
    payment_method text check (payment_method in ('ideal', 'card', 'pay_later')),
    order_number   text,
    delivery_date  date
);

-- The public name of a study's participant link, so the link does not name the study (StudyImport sets it).
alter table study_state add column slug text unique;
