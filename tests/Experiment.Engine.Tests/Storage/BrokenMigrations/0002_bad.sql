create table second_table (id int primary key);
insert into no_such_table values (1);
