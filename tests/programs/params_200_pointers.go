package main

// 201 parameters, 200 of them pointers (which are never passed in the parameter
// block): 193 pointers on the stack, so the checking entry is written directly
// (prologue::direct_entry). Each frame passes a pointer to its own local down, so
// that the deepest call holds pointers into 200 frames above it when the stack moves.

func rec(k int, q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15, q16, q17, q18, q19, q20, q21, q22, q23, q24, q25, q26, q27, q28, q29, q30, q31, q32, q33, q34, q35, q36, q37, q38, q39, q40, q41, q42, q43, q44, q45, q46, q47, q48, q49, q50, q51, q52, q53, q54, q55, q56, q57, q58, q59, q60, q61, q62, q63, q64, q65, q66, q67, q68, q69, q70, q71, q72, q73, q74, q75, q76, q77, q78, q79, q80, q81, q82, q83, q84, q85, q86, q87, q88, q89, q90, q91, q92, q93, q94, q95, q96, q97, q98, q99, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111, q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127, q128, q129, q130, q131, q132, q133, q134, q135, q136, q137, q138, q139, q140, q141, q142, q143, q144, q145, q146, q147, q148, q149, q150, q151, q152, q153, q154, q155, q156, q157, q158, q159, q160, q161, q162, q163, q164, q165, q166, q167, q168, q169, q170, q171, q172, q173, q174, q175, q176, q177, q178, q179, q180, q181, q182, q183, q184, q185, q186, q187, q188, q189, q190, q191, q192, q193, q194, q195, q196, q197, q198, q199 *int) int {
	v := k
	if k == 0 {
		*q199 += *q0
		return *q0 + *q1 + *q100 + *q198 + *q199
	}
	return rec(k-1, &v, q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15, q16, q17, q18, q19, q20, q21, q22, q23, q24, q25, q26, q27, q28, q29, q30, q31, q32, q33, q34, q35, q36, q37, q38, q39, q40, q41, q42, q43, q44, q45, q46, q47, q48, q49, q50, q51, q52, q53, q54, q55, q56, q57, q58, q59, q60, q61, q62, q63, q64, q65, q66, q67, q68, q69, q70, q71, q72, q73, q74, q75, q76, q77, q78, q79, q80, q81, q82, q83, q84, q85, q86, q87, q88, q89, q90, q91, q92, q93, q94, q95, q96, q97, q98, q99, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111, q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127, q128, q129, q130, q131, q132, q133, q134, q135, q136, q137, q138, q139, q140, q141, q142, q143, q144, q145, q146, q147, q148, q149, q150, q151, q152, q153, q154, q155, q156, q157, q158, q159, q160, q161, q162, q163, q164, q165, q166, q167, q168, q169, q170, q171, q172, q173, q174, q175, q176, q177, q178, q179, q180, q181, q182, q183, q184, q185, q186, q187, q188, q189, q190, q191, q192, q193, q194, q195, q196, q197, q198) + v
}

func main() {
	x := 5
	y := 7
	println(rec(300, &x, &y, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x, &y, &x))
	println(x, y)
}
