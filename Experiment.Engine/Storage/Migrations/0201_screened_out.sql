-- People screened out by the study's entry question (study file "screening"): counted, like declined, for the
-- study only; nothing about them is stored.
alter table study_state add column screened_out bigint not null default 0;
