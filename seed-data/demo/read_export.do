* read_export.do: reads the export of study privacy-paradox-nl with the types and labels of codebook.csv (labels: en)
* Written by the export from the codebook rows; export again rather than edit it
* In Stata (14 or newer), with the export folder as working directory: do read_export.do
version 14

* participants.csv
import delimited using `"participants.csv"', varnames(nonames) rowrange(2) stringcols(_all) bindquotes(strict) encoding("utf-8") clear
rename (v1 v2 v3 v4 v5 v6 v7 v8 ///
   v9 v10 v11 v12 v13 v14 v15 v16 ///
   v17 v18 v19 v20 v21 v22 v23 v24 ///
   v25 v26 v27 v28 v29 v30 v31 v32 ///
   v33 v34 v35 v36 v37 v38 v39 v40 ///
   v41 v42 v43 v44 v45 v46 v47 v48 ///
   v49 v50 v51 v52 v53 v54 v55 v56 ///
   v57 v58 v59 v60 v61 v62 v63 v64 ///
   v65 v66 v67 v68 v69 v70 v71 v72 ///
   v73 v74 v75 v76 v77 v78 v79 v80 ///
   v81 v82 v83 v84 v85 v86 v87 v88 ///
   v89 v90 v91 v92 v93 v94 v95 v96 ///
   v97 v98) ///
  (participant_id study_id study_version arm arm_discount arm_notice block_order language ///
   status started_at completed_at duration_s attention_passed iuipc_ctrl1 iuipc_ctrl2 iuipc_awa1 ///
   iuipc_awa2 iuipc_coll1 attention_check iuipc_coll2 iuipc_coll3 iuipc_coll4 seg_lost_control seg_companies_proper ///
   seg_law_protects tradeoff_privacy_over_service will_dob will_mobile will_income will_bsn will_employer will_child_adhd ///
   will_friends_emails age_band gender checkout_outcome offer_name offer_postcode offer_house_number offer_street ///
   offer_town offer_email offer_dob offer_mobile offer_income offer_bsn offer_employer offer_child_adhd ///
   offer_friends_emails granted_name granted_postcode granted_house_number granted_street granted_town granted_email granted_dob ///
   granted_mobile granted_income granted_bsn granted_employer granted_child_adhd granted_friends_emails disclosed_name disclosed_postcode ///
   disclosed_house_number disclosed_street disclosed_town disclosed_email disclosed_dob disclosed_mobile disclosed_income disclosed_bsn ///
   disclosed_employer disclosed_child_adhd disclosed_friends_emails plausible_name plausible_postcode plausible_house_number plausible_street plausible_town ///
   plausible_email plausible_dob plausible_mobile plausible_income plausible_bsn plausible_employer plausible_child_adhd plausible_friends_emails ///
   discount_pct amount_to_pay privacy_statement_opened privacy_statement_ms behaviour_consent flag_attention_failed flag_speeder flag_straightlining ///
   repeat_entries pilot)
label variable participant_id `"Opaque pseudonym of the participant"'
label variable study_id `"Study id"'
destring study_version, replace
label variable study_version `"Version of the study file the participant saw"'
label variable arm `"Between-subject cell, factor=level pairs joined by ;"'
destring arm_discount, replace
label define arm_discount 0 `"0"' 3 `"3"' 7 `"7"', replace
label values arm_discount arm_discount
label variable arm_discount `"Level of factor discount"'
tempvar t
generate long `t' = .
replace `t' = 1 if arm_notice == `"plain"'
replace `t' = 2 if arm_notice == `"salient"'
assert !missing(`t') | arm_notice == ""
label define arm_notice 1 `"plain"' 2 `"salient"', replace
label values `t' arm_notice
order `t', after(arm_notice)
drop arm_notice
rename `t' arm_notice
label variable arm_notice `"Level of factor notice"'
tempvar t
generate long `t' = .
replace `t' = 1 if block_order == `"questionnaire>shop"'
replace `t' = 2 if block_order == `"shop>questionnaire"'
assert !missing(`t') | block_order == ""
label define block_order 1 `"questionnaire>shop"' 2 `"shop>questionnaire"', replace
label values `t' block_order
order `t', after(block_order)
drop block_order
rename `t' block_order
label variable block_order `"Blocks in the order shown"'
tempvar t
generate long `t' = .
replace `t' = 1 if language == `"en"'
replace `t' = 2 if language == `"nl"'
assert !missing(`t') | language == ""
label define language 1 `"en"' 2 `"nl"', replace
label values `t' language
order `t', after(language)
drop language
rename `t' language
label variable language `"Language the participant used"'
tempvar t
generate long `t' = .
replace `t' = 1 if status == `"completed"'
replace `t' = 2 if status == `"in_progress"'
replace `t' = 3 if status == `"abandoned"'
assert !missing(`t') | status == ""
label define status 1 `"completed"' 2 `"in_progress"' 3 `"abandoned"', replace
label values `t' status
order `t', after(status)
drop status
rename `t' status
label variable status `"Completed, in progress, or abandoned (no request for 24 hours)"'
tempvar t
generate double `t' = clock(subinstr(subinstr(started_at, "T", " ", 1), "Z", "", 1), "YMDhms")
format `t' %tc
order `t', after(started_at)
drop started_at
rename `t' started_at
label variable started_at `"Consent given"'
tempvar t
generate double `t' = clock(subinstr(subinstr(completed_at, "T", " ", 1), "Z", "", 1), "YMDhms")
format `t' %tc
order `t', after(completed_at)
drop completed_at
rename `t' completed_at
label variable completed_at `"Session completed"'
destring duration_s, replace
label variable duration_s `"Seconds from start to completion"'
destring attention_passed, replace
label define attention_passed 1 `"yes"' 0 `"no"', replace
label values attention_passed attention_passed
label variable attention_passed `"Attention check passed"'
destring iuipc_ctrl1, replace
label define iuipc_ctrl1 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_ctrl1 iuipc_ctrl1
label variable iuipc_ctrl1 `"Consumer online privacy is really a matter of consumers' right to exercise co…"'
char iuipc_ctrl1[reverse_coded] 0
char iuipc_ctrl1[construct] concern.control
char iuipc_ctrl1[scale] 1-7
destring iuipc_ctrl2, replace
label define iuipc_ctrl2 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_ctrl2 iuipc_ctrl2
label variable iuipc_ctrl2 `"Consumer control of personal information lies at the heart of consumer privacy."'
char iuipc_ctrl2[reverse_coded] 0
char iuipc_ctrl2[construct] concern.control
char iuipc_ctrl2[scale] 1-7
destring iuipc_awa1, replace
label define iuipc_awa1 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_awa1 iuipc_awa1
label variable iuipc_awa1 `"Companies seeking information online should disclose the way the data are col…"'
char iuipc_awa1[reverse_coded] 0
char iuipc_awa1[construct] concern.awareness
char iuipc_awa1[scale] 1-7
destring iuipc_awa2, replace
label define iuipc_awa2 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_awa2 iuipc_awa2
label variable iuipc_awa2 `"A good consumer online privacy policy should have a clear and conspicuous dis…"'
char iuipc_awa2[reverse_coded] 0
char iuipc_awa2[construct] concern.awareness
char iuipc_awa2[scale] 1-7
destring iuipc_coll1, replace
label define iuipc_coll1 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_coll1 iuipc_coll1
label variable iuipc_coll1 `"It usually bothers me when online companies ask me for personal information."'
char iuipc_coll1[reverse_coded] 0
char iuipc_coll1[construct] concern.collection
char iuipc_coll1[scale] 1-7
destring attention_check, replace
label define attention_check 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values attention_check attention_check
label variable attention_check `"To show that you read carefully: choose 'Disagree' here."'
char attention_check[reverse_coded] 0
char attention_check[construct] attention
char attention_check[scale] 1-7
destring iuipc_coll2, replace
label define iuipc_coll2 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_coll2 iuipc_coll2
label variable iuipc_coll2 `"When online companies ask me for personal information, I sometimes think twic…"'
char iuipc_coll2[reverse_coded] 0
char iuipc_coll2[construct] concern.collection
char iuipc_coll2[scale] 1-7
destring iuipc_coll3, replace
label define iuipc_coll3 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_coll3 iuipc_coll3
label variable iuipc_coll3 `"It bothers me to give personal information to so many online companies."'
char iuipc_coll3[reverse_coded] 0
char iuipc_coll3[construct] concern.collection
char iuipc_coll3[scale] 1-7
destring iuipc_coll4, replace
label define iuipc_coll4 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values iuipc_coll4 iuipc_coll4
label variable iuipc_coll4 `"I'm concerned that online companies are collecting too much personal informat…"'
char iuipc_coll4[reverse_coded] 0
char iuipc_coll4[construct] concern.collection
char iuipc_coll4[scale] 1-7
destring seg_lost_control, replace
label define seg_lost_control 1 `"Strongly disagree"' 2 `"Somewhat disagree"' 3 `"Somewhat agree"' 4 `"Strongly agree"', replace
label values seg_lost_control seg_lost_control
label variable seg_lost_control `"Consumers have lost all control over how personal information is collected an…"'
char seg_lost_control[reverse_coded] 0
char seg_lost_control[construct] westin
char seg_lost_control[scale] 1-4
destring seg_companies_proper, replace
label define seg_companies_proper 1 `"Strongly disagree"' 2 `"Somewhat disagree"' 3 `"Somewhat agree"' 4 `"Strongly agree"', replace
label values seg_companies_proper seg_companies_proper
label variable seg_companies_proper `"Most businesses handle the personal information they collect about consumers …"'
char seg_companies_proper[reverse_coded] 0
char seg_companies_proper[construct] westin
char seg_companies_proper[scale] 1-4
destring seg_law_protects, replace
label define seg_law_protects 1 `"Strongly disagree"' 2 `"Somewhat disagree"' 3 `"Somewhat agree"' 4 `"Strongly agree"', replace
label values seg_law_protects seg_law_protects
label variable seg_law_protects `"Existing laws and organizational practices provide a reasonable level of prot…"'
char seg_law_protects[reverse_coded] 0
char seg_law_protects[construct] westin
char seg_law_protects[scale] 1-4
destring tradeoff_privacy_over_service, replace
label define tradeoff_privacy_over_service 1 `"Strongly disagree"' 2 `"Disagree"' 3 `"Somewhat disagree"' 4 `"Neither agree nor disagree"' 5 `"Somewhat agree"' 6 `"Agree"' 7 `"Strongly agree"', replace
label values tradeoff_privacy_over_service tradeoff_privacy_over_service
label variable tradeoff_privacy_over_service `"My privacy matters more to me than the best possible service."'
char tradeoff_privacy_over_service[reverse_coded] 0
char tradeoff_privacy_over_service[construct] tradeoff
char tradeoff_privacy_over_service[scale] 1-7
destring will_dob, replace
label define will_dob 1 `"yes"' 0 `"no"', replace
label values will_dob will_dob
label variable will_dob `"Would you give a web shop your date of birth in exchange for a discount?"'
char will_dob[reverse_coded] 0
char will_dob[construct] willingness
destring will_mobile, replace
label define will_mobile 1 `"yes"' 0 `"no"', replace
label values will_mobile will_mobile
label variable will_mobile `"Would you give a web shop your mobile number in exchange for a discount?"'
char will_mobile[reverse_coded] 0
char will_mobile[construct] willingness
destring will_income, replace
label define will_income 1 `"yes"' 0 `"no"', replace
label values will_income will_income
label variable will_income `"Would you give a web shop your monthly net income in exchange for a discount?"'
char will_income[reverse_coded] 0
char will_income[construct] willingness
destring will_bsn, replace
label define will_bsn 1 `"yes"' 0 `"no"', replace
label values will_bsn will_bsn
label variable will_bsn `"Would you give a web shop your citizen service number (BSN) in exchange for a…"'
char will_bsn[reverse_coded] 0
char will_bsn[construct] willingness
destring will_employer, replace
label define will_employer 1 `"yes"' 0 `"no"', replace
label values will_employer will_employer
label variable will_employer `"Would you give a web shop the name of your employer in exchange for a discount?"'
char will_employer[reverse_coded] 0
char will_employer[construct] willingness
destring will_child_adhd, replace
label define will_child_adhd 1 `"yes"' 0 `"no"', replace
label values will_child_adhd will_child_adhd
label variable will_child_adhd `"Would you tell a web shop whether a child in your household has ADHD, in exch…"'
char will_child_adhd[reverse_coded] 0
char will_child_adhd[construct] willingness
destring will_friends_emails, replace
label define will_friends_emails 1 `"yes"' 0 `"no"', replace
label values will_friends_emails will_friends_emails
label variable will_friends_emails `"Would you give a web shop your friends' e-mail addresses in exchange for a di…"'
char will_friends_emails[reverse_coded] 0
char will_friends_emails[construct] willingness
tempvar t
generate long `t' = .
replace `t' = 1 if age_band == `"18-24"'
replace `t' = 2 if age_band == `"25-34"'
replace `t' = 3 if age_band == `"35-44"'
replace `t' = 4 if age_band == `"45-54"'
replace `t' = 5 if age_band == `"55-64"'
replace `t' = 6 if age_band == `"65+"'
replace `t' = 7 if age_band == `"prefer_not"'
assert !missing(`t') | age_band == ""
label define age_band 1 `"18-24 years"' 2 `"25-34 years"' 3 `"35-44 years"' 4 `"45-54 years"' 5 `"55-64 years"' 6 `"65 years or older"' 7 `"Prefer not to say"', replace
label values `t' age_band
order `t', after(age_band)
drop age_band
rename `t' age_band
label variable age_band `"What is your age?"'
char age_band[reverse_coded] 0
char age_band[construct] demographics
tempvar t
generate long `t' = .
replace `t' = 1 if gender == `"female"'
replace `t' = 2 if gender == `"male"'
replace `t' = 3 if gender == `"other"'
replace `t' = 4 if gender == `"prefer_not"'
assert !missing(`t') | gender == ""
label define gender 1 `"Woman"' 2 `"Man"' 3 `"Other"' 4 `"Prefer not to say"', replace
label values `t' gender
order `t', after(gender)
drop gender
rename `t' gender
label variable gender `"What is your gender?"'
char gender[reverse_coded] 0
char gender[construct] demographics
tempvar t
generate long `t' = .
replace `t' = 1 if checkout_outcome == `"ordered"'
replace `t' = 2 if checkout_outcome == `"left_shop"'
assert !missing(`t') | checkout_outcome == ""
label define checkout_outcome 1 `"ordered"' 2 `"left_shop"', replace
label values `t' checkout_outcome
order `t', after(checkout_outcome)
drop checkout_outcome
rename `t' checkout_outcome
label variable checkout_outcome `"How the checkout ended; empty when not reached"'
destring offer_name, replace
label variable offer_name `"Discount percent offered next to: Name"'
destring offer_postcode, replace
label variable offer_postcode `"Discount percent offered next to: Postcode"'
destring offer_house_number, replace
label variable offer_house_number `"Discount percent offered next to: House number and addition"'
destring offer_street, replace
label variable offer_street `"Discount percent offered next to: Street"'
destring offer_town, replace
label variable offer_town `"Discount percent offered next to: Town"'
destring offer_email, replace
label variable offer_email `"Discount percent offered next to: E-mail address"'
destring offer_dob, replace
label variable offer_dob `"Discount percent offered next to: Date of birth"'
destring offer_mobile, replace
label variable offer_mobile `"Discount percent offered next to: Mobile number"'
destring offer_income, replace
label variable offer_income `"Discount percent offered next to: Monthly net income (€)"'
destring offer_bsn, replace
label variable offer_bsn `"Discount percent offered next to: Citizen service number (BSN)"'
destring offer_employer, replace
label variable offer_employer `"Discount percent offered next to: Employer"'
destring offer_child_adhd, replace
label variable offer_child_adhd `"Discount percent offered next to: Does a child in your household have ADHD?"'
destring offer_friends_emails, replace
label variable offer_friends_emails `"Discount percent offered next to: Friends' e-mail addresses (we send them a d…"'
destring granted_name, replace
label variable granted_name `"Discount percent granted for: Name (the offer when given, else 0; empty when …"'
destring granted_postcode, replace
label variable granted_postcode `"Discount percent granted for: Postcode (the offer when given, else 0; empty w…"'
destring granted_house_number, replace
label variable granted_house_number `"Discount percent granted for: House number and addition (the offer when given…"'
destring granted_street, replace
label variable granted_street `"Discount percent granted for: Street (the offer when given, else 0; empty whe…"'
destring granted_town, replace
label variable granted_town `"Discount percent granted for: Town (the offer when given, else 0; empty when …"'
destring granted_email, replace
label variable granted_email `"Discount percent granted for: E-mail address (the offer when given, else 0; e…"'
destring granted_dob, replace
label variable granted_dob `"Discount percent granted for: Date of birth (the offer when given, else 0; em…"'
destring granted_mobile, replace
label variable granted_mobile `"Discount percent granted for: Mobile number (the offer when given, else 0; em…"'
destring granted_income, replace
label variable granted_income `"Discount percent granted for: Monthly net income (€) (the offer when given,…"'
destring granted_bsn, replace
label variable granted_bsn `"Discount percent granted for: Citizen service number (BSN) (the offer when gi…"'
destring granted_employer, replace
label variable granted_employer `"Discount percent granted for: Employer (the offer when given, else 0; empty w…"'
destring granted_child_adhd, replace
label variable granted_child_adhd `"Discount percent granted for: Does a child in your household have ADHD? (the …"'
destring granted_friends_emails, replace
label variable granted_friends_emails `"Discount percent granted for: Friends' e-mail addresses (we send them a disco…"'
destring disclosed_name, replace
label define disclosed_name 1 `"yes"' 0 `"no"', replace
label values disclosed_name disclosed_name
label variable disclosed_name `"Something entered in: Name (an answer like 'prefer not to say' counts as 0)"'
destring disclosed_postcode, replace
label define disclosed_postcode 1 `"yes"' 0 `"no"', replace
label values disclosed_postcode disclosed_postcode
label variable disclosed_postcode `"Something entered in: Postcode (an answer like 'prefer not to say' counts as 0)"'
destring disclosed_house_number, replace
label define disclosed_house_number 1 `"yes"' 0 `"no"', replace
label values disclosed_house_number disclosed_house_number
label variable disclosed_house_number `"Something entered in: House number and addition (an answer like 'prefer not t…"'
destring disclosed_street, replace
label define disclosed_street 1 `"yes"' 0 `"no"', replace
label values disclosed_street disclosed_street
label variable disclosed_street `"Something entered in: Street (an answer like 'prefer not to say' counts as 0)"'
destring disclosed_town, replace
label define disclosed_town 1 `"yes"' 0 `"no"', replace
label values disclosed_town disclosed_town
label variable disclosed_town `"Something entered in: Town (an answer like 'prefer not to say' counts as 0)"'
destring disclosed_email, replace
label define disclosed_email 1 `"yes"' 0 `"no"', replace
label values disclosed_email disclosed_email
label variable disclosed_email `"Something entered in: E-mail address (an answer like 'prefer not to say' coun…"'
destring disclosed_dob, replace
label define disclosed_dob 1 `"yes"' 0 `"no"', replace
label values disclosed_dob disclosed_dob
label variable disclosed_dob `"Something entered in: Date of birth (an answer like 'prefer not to say' count…"'
destring disclosed_mobile, replace
label define disclosed_mobile 1 `"yes"' 0 `"no"', replace
label values disclosed_mobile disclosed_mobile
label variable disclosed_mobile `"Something entered in: Mobile number (an answer like 'prefer not to say' count…"'
destring disclosed_income, replace
label define disclosed_income 1 `"yes"' 0 `"no"', replace
label values disclosed_income disclosed_income
label variable disclosed_income `"Something entered in: Monthly net income (€) (an answer like 'prefer not to…"'
destring disclosed_bsn, replace
label define disclosed_bsn 1 `"yes"' 0 `"no"', replace
label values disclosed_bsn disclosed_bsn
label variable disclosed_bsn `"Something entered in: Citizen service number (BSN) (an answer like 'prefer no…"'
destring disclosed_employer, replace
label define disclosed_employer 1 `"yes"' 0 `"no"', replace
label values disclosed_employer disclosed_employer
label variable disclosed_employer `"Something entered in: Employer (an answer like 'prefer not to say' counts as 0)"'
destring disclosed_child_adhd, replace
label define disclosed_child_adhd 1 `"yes"' 0 `"no"', replace
label values disclosed_child_adhd disclosed_child_adhd
label variable disclosed_child_adhd `"Something entered in: Does a child in your household have ADHD? (an answer li…"'
destring disclosed_friends_emails, replace
label define disclosed_friends_emails 1 `"yes"' 0 `"no"', replace
label values disclosed_friends_emails disclosed_friends_emails
label variable disclosed_friends_emails `"Something entered in: Friends' e-mail addresses (we send them a discount code…"'
destring plausible_name, replace
label define plausible_name 1 `"yes"' 0 `"no"', replace
label values plausible_name plausible_name
label variable plausible_name `"Entry plausible (1) or fake-looking (0): Name"'
destring plausible_postcode, replace
label define plausible_postcode 1 `"yes"' 0 `"no"', replace
label values plausible_postcode plausible_postcode
label variable plausible_postcode `"Entry plausible (1) or fake-looking (0): Postcode"'
destring plausible_house_number, replace
label define plausible_house_number 1 `"yes"' 0 `"no"', replace
label values plausible_house_number plausible_house_number
label variable plausible_house_number `"Entry plausible (1) or fake-looking (0): House number and addition"'
destring plausible_street, replace
label define plausible_street 1 `"yes"' 0 `"no"', replace
label values plausible_street plausible_street
label variable plausible_street `"Entry plausible (1) or fake-looking (0): Street"'
destring plausible_town, replace
label define plausible_town 1 `"yes"' 0 `"no"', replace
label values plausible_town plausible_town
label variable plausible_town `"Entry plausible (1) or fake-looking (0): Town"'
destring plausible_email, replace
label define plausible_email 1 `"yes"' 0 `"no"', replace
label values plausible_email plausible_email
label variable plausible_email `"Entry plausible (1) or fake-looking (0): E-mail address"'
destring plausible_dob, replace
label define plausible_dob 1 `"yes"' 0 `"no"', replace
label values plausible_dob plausible_dob
label variable plausible_dob `"Entry plausible (1) or fake-looking (0): Date of birth"'
destring plausible_mobile, replace
label define plausible_mobile 1 `"yes"' 0 `"no"', replace
label values plausible_mobile plausible_mobile
label variable plausible_mobile `"Entry plausible (1) or fake-looking (0): Mobile number"'
destring plausible_income, replace
label define plausible_income 1 `"yes"' 0 `"no"', replace
label values plausible_income plausible_income
label variable plausible_income `"Entry plausible (1) or fake-looking (0): Monthly net income (€)"'
destring plausible_bsn, replace
label define plausible_bsn 1 `"yes"' 0 `"no"', replace
label values plausible_bsn plausible_bsn
label variable plausible_bsn `"Entry plausible (1) or fake-looking (0): Citizen service number (BSN)"'
destring plausible_employer, replace
label define plausible_employer 1 `"yes"' 0 `"no"', replace
label values plausible_employer plausible_employer
label variable plausible_employer `"Entry plausible (1) or fake-looking (0): Employer"'
destring plausible_child_adhd, replace
label define plausible_child_adhd 1 `"yes"' 0 `"no"', replace
label values plausible_child_adhd plausible_child_adhd
label variable plausible_child_adhd `"Entry plausible (1) or fake-looking (0): Does a child in your household have …"'
destring plausible_friends_emails, replace
label define plausible_friends_emails 1 `"yes"' 0 `"no"', replace
label values plausible_friends_emails plausible_friends_emails
label variable plausible_friends_emails `"Entry plausible (1) or fake-looking (0): Friends' e-mail addresses (we send t…"'
destring discount_pct, replace
label variable discount_pct `"Total discount percent granted at the checkout (the sum of granted_); empty w…"'
destring amount_to_pay, replace
label variable amount_to_pay `"Amount to pay for the order in EUR, as the order confirmation showed; empty w…"'
destring privacy_statement_opened, replace
label define privacy_statement_opened 1 `"yes"' 0 `"no"', replace
label values privacy_statement_opened privacy_statement_opened
label variable privacy_statement_opened `"Opened the shop's privacy statement: 1 = its page was shown, or the browser r…"'
destring privacy_statement_ms, replace
label variable privacy_statement_ms `"Milliseconds the privacy statement was open on the checkout page (requireScro…"'
destring behaviour_consent, replace
label define behaviour_consent 1 `"yes"' 0 `"no"', replace
label values behaviour_consent behaviour_consent
label variable behaviour_consent `"Debrief question: may the researchers use the data of what the participant di…"'
destring flag_attention_failed, replace
label define flag_attention_failed 1 `"yes"' 0 `"no"', replace
label values flag_attention_failed flag_attention_failed
label variable flag_attention_failed `"Failed the attention check; empty when not reached"'
destring flag_speeder, replace
label define flag_speeder 1 `"yes"' 0 `"no"', replace
label values flag_speeder flag_speeder
label variable flag_speeder `"Completed faster than the study's declared speeder rule (speeders: duration_s…"'
destring flag_straightlining, replace
label define flag_straightlining 1 `"yes"' 0 `"no"', replace
label values flag_straightlining flag_straightlining
label variable flag_straightlining `"Same answer on every Likert item of a page with a reverse-coded item (some su…"'
destring repeat_entries, replace
label variable repeat_entries `"Later entries with the same panel id without this participant's cookie (other…"'
destring pilot, replace
label define pilot 1 `"yes"' 0 `"no"', replace
label values pilot pilot
label variable pilot `"Pilot participant (entered while the study was in pilot, or simulated); alway…"'
compress
save `"participants.dta"', replace

* disclosures.csv
import delimited using `"disclosures.csv"', varnames(nonames) rowrange(2) stringcols(_all) bindquotes(strict) encoding("utf-8") clear
rename (v1 v2 v3 v4 v5 v6 v7 v8 ///
   v9 v10 v11 v12 v13) ///
  (participant_id field necessity sensitivity offer_pct granted_pct stated_item stated_willing ///
   disclosed plausible time_on_field_ms disclosure_mode autocomplete)
label variable participant_id `"Opaque pseudonym of the participant"'
tempvar t
generate long `t' = .
replace `t' = 1 if field == `"name"'
replace `t' = 2 if field == `"postcode"'
replace `t' = 3 if field == `"house_number"'
replace `t' = 4 if field == `"street"'
replace `t' = 5 if field == `"town"'
replace `t' = 6 if field == `"email"'
replace `t' = 7 if field == `"dob"'
replace `t' = 8 if field == `"mobile"'
replace `t' = 9 if field == `"income"'
replace `t' = 10 if field == `"bsn"'
replace `t' = 11 if field == `"employer"'
replace `t' = 12 if field == `"child_adhd"'
replace `t' = 13 if field == `"friends_emails"'
assert !missing(`t') | field == ""
label define field 1 `"name"' 2 `"postcode"' 3 `"house_number"' 4 `"street"' 5 `"town"' 6 `"email"' 7 `"dob"' 8 `"mobile"' 9 `"income"' 10 `"bsn"' 11 `"employer"' 12 `"child_adhd"' 13 `"friends_emails"', replace
label values `t' field
order `t', after(field)
drop field
rename `t' field
label variable field `"Checkout field key"'
tempvar t
generate long `t' = .
replace `t' = 1 if necessity == `"required"'
replace `t' = 2 if necessity == `"optional"'
assert !missing(`t') | necessity == ""
label define necessity 1 `"required"' 2 `"optional"', replace
label values `t' necessity
order `t', after(necessity)
drop necessity
rename `t' necessity
label variable necessity `"Needed to deliver the order, or optional"'
destring sensitivity, replace
label variable sensitivity `"Sensitivity of the field, 1 (harmless) to 5"'
destring offer_pct, replace
label variable offer_pct `"Discount percent offered for the field"'
destring granted_pct, replace
label variable granted_pct `"Discount percent the field added to the order (the offer when given, else 0)"'
label variable stated_item `"Key of the paired stated-willingness item"'
destring stated_willing, replace
label define stated_willing 1 `"yes"' 0 `"no"', replace
label values stated_willing stated_willing
label variable stated_willing `"Answer to the paired item"'
destring disclosed, replace
label define disclosed 1 `"yes"' 0 `"no"', replace
label values disclosed disclosed
label variable disclosed `"Something entered (choice mode: sharing ticked) when the order was placed (an…"'
destring plausible, replace
label define plausible 1 `"yes"' 0 `"no"', replace
label values plausible plausible
label variable plausible `"Entry plausible (1) or fake-looking (0); empty when nothing entered or in cho…"'
destring time_on_field_ms, replace
label variable time_on_field_ms `"Milliseconds spent in the field"'
tempvar t
generate long `t' = .
replace `t' = 1 if disclosure_mode == `"server"'
replace `t' = 2 if disclosure_mode == `"browser"'
replace `t' = 3 if disclosure_mode == `"choice"'
assert !missing(`t') | disclosure_mode == ""
label define disclosure_mode 1 `"typed, classified on the server"' 2 `"typed, classified in the browser"' 3 `"ticked to share, nothing typed"', replace
label values `t' disclosure_mode
order `t', after(disclosure_mode)
drop disclosure_mode
rename `t' disclosure_mode
label variable disclosure_mode `"How disclosure was measured: typed and classified on the server, typed and cl…"'
label variable autocomplete `"Autofill the study allowed: the field's autocomplete token (the browser may f…"'
compress
save `"disclosures.dta"', replace

* responses.csv
import delimited using `"responses.csv"', varnames(nonames) rowrange(2) stringcols(_all) bindquotes(strict) encoding("utf-8") clear
rename (v1 v2 v3 v4 v5) ///
  (participant_id page item value answered_at)
label variable participant_id `"Opaque pseudonym of the participant"'
label variable page `"Questionnaire page key"'
label variable item `"Item key"'
label variable value `"Answer, coded as in participants.csv"'
tempvar t
generate double `t' = clock(subinstr(subinstr(answered_at, "T", " ", 1), "Z", "", 1), "YMDhms")
format `t' %tc
order `t', after(answered_at)
drop answered_at
rename `t' answered_at
label variable answered_at `"When the page with the answer was submitted"'
compress
save `"responses.dta"', replace

* page_times.csv
import delimited using `"page_times.csv"', varnames(nonames) rowrange(2) stringcols(_all) bindquotes(strict) encoding("utf-8") clear
rename (v1 v2 v3 v4 v5) ///
  (participant_id page shown_at submitted_at seconds)
label variable participant_id `"Opaque pseudonym of the participant"'
label variable page `"Page name"'
tempvar t
generate double `t' = clock(subinstr(subinstr(shown_at, "T", " ", 1), "Z", "", 1), "YMDhms")
format `t' %tc
order `t', after(shown_at)
drop shown_at
rename `t' shown_at
label variable shown_at `"Page shown"'
tempvar t
generate double `t' = clock(subinstr(subinstr(submitted_at, "T", " ", 1), "Z", "", 1), "YMDhms")
format `t' %tc
order `t', after(submitted_at)
drop submitted_at
rename `t' submitted_at
label variable submitted_at `"Page submitted; empty when not submitted"'
destring seconds, replace
label variable seconds `"Seconds on the page"'
compress
save `"page_times.dta"', replace
